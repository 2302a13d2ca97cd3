package dev.outpost.agent.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.agent.Fixtures;
import dev.outpost.agent.identity.CurrentIdentity;
import dev.outpost.agent.identity.IdentityStore;
import dev.outpost.agent.identity.NodeIdentity;
import dev.outpost.api.CertificateProof;
import dev.outpost.api.JoinResponse;
import dev.outpost.api.RenewRequest;
import dev.outpost.api.TrustedCaKeys;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateRenewalTest {
  private static final Instant ISSUED = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant EXPIRES = ISSUED.plus(Duration.ofDays(7));

  @TempDir Path directory;
  private KeyPair hostCa;
  private KeyPair newUserCa;
  private CurrentIdentity identity;
  private IdentityStore store;
  private final List<RenewRequest> requests = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    hostCa = Fixtures.ed25519();
    newUserCa = Fixtures.ed25519();
    NodeIdentity initial = Fixtures.identity(hostCa, Fixtures.ed25519(), ISSUED, EXPIRES);
    identity = new CurrentIdentity(initial);
    store = new IdentityStore(directory);
    store.save(initial);
  }

  private CertificateRenewal renewalAt(Instant now, CertificateRenewal.Endpoint endpoint) {
    return new CertificateRenewal(identity, store, endpoint, Clock.fixed(now, ZoneOffset.UTC));
  }

  private JoinResponse answer(KeyPair certifiedKey, Instant from) throws Exception {
    String certificate = Fixtures.line(Fixtures.hostCertificate(hostCa, certifiedKey, "edge-1", from, from.plus(Duration.ofDays(7))));
    return new JoinResponse("test", "edge-1", certificate, List.of(Fixtures.line(newUserCa.getPublic())), null);
  }

  @Test
  void notDueWhileMoreThanHalfRemains() throws Exception {
    assertFalse(renewalAt(ISSUED.plus(Duration.ofDays(3)), request -> { throw new AssertionError("no call"); }).renewIfDue());
  }

  @Test
  void renewsWithAValidProofAndStoresTheResult() throws Exception {
    Instant now = ISSUED.plus(Duration.ofDays(4));
    KeyPair hostKey = identity.get().hostKey();
    String before = identity.get().hostCertificate().line();
    CertificateRenewal renewal =
        renewalAt(
            now,
            request -> {
              requests.add(request);
              return answer(hostKey, now);
            });

    assertTrue(renewal.renewIfDue());

    RenewRequest request = requests.get(0);
    assertEquals(now.getEpochSecond(), request.timestamp());
    request.proof().verify(CertificateProof.renewalChallenge("edge-1", now.getEpochSecond()));
    assertEquals(before, request.proof().certificate());
    NodeIdentity renewed = identity.get();
    assertEquals(now.plus(Duration.ofDays(7)), renewed.hostCertificate().validBefore());
    assertTrue(renewed.userCas().trusts(newUserCa.getPublic(), Instant.now()));
    assertEquals(renewed.hostCertificate().line(), store.load().hostCertificate().line());
    assertEquals(renewed.userCas().lines(), store.load().userCas().lines());
  }

  @Test
  void aRotationNoticeRenewsAtOnceThoughNotDue() throws Exception {
    Instant now = ISSUED.plus(Duration.ofDays(1));
    KeyPair hostKey = identity.get().hostKey();

    renewalAt(now, request -> answer(hostKey, now)).renew();

    assertEquals(now.plus(Duration.ofDays(7)), identity.get().hostCertificate().validBefore());
    assertTrue(identity.get().userCas().trusts(newUserCa.getPublic(), now));
  }

  @Test
  void theHourlyCheckDropsUserCaKeysWhoseGraceEndedFromTheFile() throws Exception {
    Instant end = ISSUED.plus(Duration.ofHours(12));
    KeyPair hostKey = identity.get().hostKey();
    KeyPair retired = Fixtures.ed25519();
    String active = Fixtures.line(newUserCa.getPublic());
    renewalAt(ISSUED, request -> new JoinResponse("test", "edge-1",
        answer(hostKey, ISSUED).hostCertificate(),
        List.of(active, TrustedCaKeys.retiring(Fixtures.line(retired.getPublic()), end)), null))
        .renew();
    assertEquals(2, store.load().userCas().lines().size());

    renewalAt(end.minusSeconds(1), request -> { throw new AssertionError("no call"); }).renewIfDue();
    assertEquals(2, store.load().userCas().lines().size(), "still in its grace");
    renewalAt(end, request -> { throw new AssertionError("no call"); }).renewIfDue();

    assertEquals(List.of(active), store.load().userCas().lines());
    assertEquals(List.of(active), identity.get().userCas().lines());
  }

  @Test
  void refusesACertificateForAnotherKey() throws Exception {
    Instant now = ISSUED.plus(Duration.ofDays(5));
    NodeIdentity before = identity.get();
    CertificateRenewal renewal = renewalAt(now, request -> answer(Fixtures.ed25519(), now));
    assertThrows(JoinException.class, renewal::renewIfDue);
    assertEquals(before, identity.get());
  }

  @Test
  void aRefusalBecomesOneLine() {
    CertificateRenewal renewal =
        renewalAt(EXPIRES, request -> { throw new dev.outpost.client.http.ApiException(403, "node is revoked"); });
    JoinException error = assertThrows(JoinException.class, renewal::renewIfDue);
    assertEquals("host certificate renewal failed: node is revoked", error.getMessage());
  }
}
