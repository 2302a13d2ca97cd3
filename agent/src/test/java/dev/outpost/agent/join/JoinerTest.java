package dev.outpost.agent.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.agent.Fixtures;
import dev.outpost.agent.identity.IdentityStore;
import dev.outpost.agent.identity.NodeIdentity;
import dev.outpost.api.CertificateProof;
import dev.outpost.api.ErrorResponse;
import dev.outpost.api.JoinRequest;
import dev.outpost.api.JoinResponse;
import dev.outpost.client.http.ProxyAddress;
import dev.outpost.client.http.ProxyConnectionException;
import dev.outpost.client.http.WireJson;
import dev.outpost.client.tls.CaPin;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first join against a loopback HTTPS "proxy" whose self-signed CA is pinned. */
class JoinerTest {
  private static final String TOKEN = "t0k3n";

  @TempDir Path directory;
  private final AtomicReference<JoinRequest> received = new AtomicReference<>();
  private KeyPair hostCa;
  private KeyPair userCa;
  private TestProxy proxy;

  @BeforeEach
  void startProxy() throws Exception {
    hostCa = Fixtures.ed25519();
    userCa = Fixtures.ed25519();
    proxy =
        new TestProxy(
            Joiner.JOIN_PATH,
            exchange -> {
              try {
                JoinRequest request = WireJson.mapper().readValue(exchange.getRequestBody(), JoinRequest.class);
                received.set(request);
                if (!TOKEN.equals(request.token())) {
                  TestProxy.answer(
                      exchange,
                      403,
                      WireJson.mapper().writeValueAsBytes(new ErrorResponse("join token is invalid, expired or already used")));
                  return;
                }
                Instant now = Instant.now();
                String certificate =
                    Fixtures.line(
                        Fixtures.hostCertificate(
                            hostCa,
                            new KeyPair(CertificateProof.parseCertificate(request.publicKey()), null),
                            request.name(),
                            now,
                            now.plus(Duration.ofDays(7))));
                JoinResponse response =
                    new JoinResponse("edge-cluster", request.name(), certificate, List.of(Fixtures.line(userCa.getPublic())), proxy.caPem());
                TestProxy.answer(exchange, 200, WireJson.mapper().writeValueAsBytes(response));
              } catch (Exception e) {
                TestProxy.answer(exchange, 500, new byte[0]);
              }
            });
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
  }

  private NodeIdentity join(String token, String pin) throws Exception {
    return new Joiner(ProxyAddress.parse(proxy.address()), new IdentityStore(directory))
        .join(new JoinParameters(token, "edge-9", Map.of("env", "edge"), Optional.of(pin)));
  }

  @Test
  void joinsThroughThePinnedCaAndStoresTheIdentity() throws Exception {
    NodeIdentity identity = join(TOKEN, CaPin.of(proxy.ca).toString());

    assertEquals("edge-9", received.get().name());
    assertEquals(Map.of("env", "edge"), received.get().labels());
    assertTrue(received.get().publicKey().startsWith("ssh-ed25519 "));
    assertTrue(KeyUtils.compareKeys(identity.hostKey().getPublic(), identity.hostCertificate().certificate().getCertPubKey()));
    assertEquals("edge-cluster", identity.node().cluster());
    assertEquals(proxy.ca, identity.clusterCa());
    IdentityStore store = new IdentityStore(directory);
    assertTrue(store.hasIdentity());
    assertEquals(identity.hostCertificate().line(), store.load().hostCertificate().line());
  }

  @Test
  void aRefusedTokenIsOneClearLine() {
    JoinException refused = assertThrows(JoinException.class, () -> join("stale", CaPin.of(proxy.ca).toString()));
    assertEquals("join refused: join token is invalid, expired or already used", refused.getMessage());
    assertFalse(new IdentityStore(directory).hasIdentity());
  }

  @Test
  void aProxyWithAnotherCaIsNotTrusted() {
    ProxyConnectionException untrusted =
        assertThrows(ProxyConnectionException.class, () -> join(TOKEN, "sha256:" + "0".repeat(64)));
    assertTrue(untrusted.getMessage().contains("not trusted"), untrusted.getMessage());
    assertEquals(null, received.get());
  }
}
