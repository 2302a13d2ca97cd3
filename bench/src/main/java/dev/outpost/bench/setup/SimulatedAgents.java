package dev.outpost.bench.setup;

import dev.outpost.api.JoinRequest;
import dev.outpost.api.JoinResponse;
import dev.outpost.api.TokenResponse;
import dev.outpost.client.http.ApiClient;
import dev.outpost.client.http.ApiException;
import dev.outpost.client.http.ProxyAddress;
import dev.outpost.client.tunnel.CertificateProver;
import dev.outpost.launcher.AdminSession;
import dev.outpost.launcher.LocalCluster;
import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.Tunnel;
import dev.outpost.tunnel.TunnelSettings;
import dev.outpost.tunnel.ws.WebSocketDialer;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * Many agents in one JVM, to load the proxy with idle reverse tunnels cheaply: each joins as a node
 * of its own over REST and dials {@code wss://…/api/v1/tunnel/agent} proving its host certificate,
 * as the real agent does, but serves no streams. All share one HTTP client, and so one selector
 * thread.
 */
public final class SimulatedAgents implements AutoCloseable {
  private static final String AGENT_TUNNEL_PATH = "/api/v1/tunnel/agent";
  private static final Duration DIAL_TIMEOUT = Duration.ofSeconds(30);

  private final ProxyAddress proxy;
  private final SSLContext tls;
  private final List<CertificateProver> joined = new ArrayList<>();
  private final List<Tunnel> tunnels = new ArrayList<>();

  private SimulatedAgents(ProxyAddress proxy, SSLContext tls) {
    this.proxy = proxy;
    this.tls = tls;
  }

  /** Joins {@code count} nodes named {@code prefix-N}, each with a token of its own. */
  public static SimulatedAgents join(BenchCluster cluster, AdminSession admin, String prefix, int count) {
    return join(cluster.cluster(), cluster.proxy(), admin, prefix, count);
  }

  /**
   * Joins {@code count} nodes named {@code prefix-N} to {@code cluster}, reached at {@code proxy}
   * ({@code host:port}), each with a token of its own.
   */
  public static SimulatedAgents join(LocalCluster cluster, String proxyAddress, AdminSession admin, String prefix,
      int count) {
    ProxyAddress proxy = ProxyAddress.parse(proxyAddress);
    ApiClient api = new ApiClient(proxy, cluster.trustContext());
    SimulatedAgents agents =
        new SimulatedAgents(proxy, cluster.trustContext());
    try {
      for (int i = 0; i < count; i++) {
        TokenResponse token = admin.nodeToken();
        KeyPair hostKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        JoinResponse joined = api.post("/api/v1/join",
            new JoinRequest(token.token(), prefix + "-" + i, Map.of("env", "bench"), PublicKeyEntry.toString(hostKey.getPublic())),
            JoinResponse.class);
        agents.joined.add(new CertificateProver(hostKey, joined.hostCertificate()));
      }
    } catch (IOException | ApiException | GeneralSecurityException e) {
      throw new IllegalStateException("simulated agent " + agents.joined.size() + " cannot join: " + e.getMessage(), e);
    }
    return agents;
  }

  /**
   * Opens every joined node's tunnel, stopping at the first the proxy does not accept (saying why
   * on standard error): how many it takes is part of the result.
   */
  public void dialAll() {
    URI endpoint = endpoint();
    for (CertificateProver prover : joined) {
      try {
        tunnels.add(WebSocketDialer.dial(endpoint, tls, Map.of(), TunnelSettings.defaults(), prover,
            StreamAcceptor.REFUSE_ALL, DIAL_TIMEOUT));
      } catch (IOException e) {
        System.err.println("simulated tunnel " + (tunnels.size() + 1) + " failed: " + e.getMessage());
        return;
      }
    }
  }

  /** The joined nodes' host certificates, in join order (nodes {@code PREFIX-0}, …). */
  public List<CertificateProver> identities() {
    return List.copyOf(joined);
  }

  /** The agent tunnel endpoint, {@code wss://PROXY/api/v1/tunnel/agent}. */
  public URI endpoint() {
    return proxy.wss(AGENT_TUNNEL_PATH);
  }

  /** The TLS trust every simulated agent dials with. */
  public SSLContext tls() {
    return tls;
  }

  public int openTunnels() {
    return (int) tunnels.stream().filter(Tunnel::isOpen).count();
  }

  @Override
  public void close() {
    tunnels.forEach(tunnel -> tunnel.close("benchmark done"));
    tunnels.clear();
  }
}
