package dev.outpost.launcher;

import dev.outpost.api.ClusterInfo;
import dev.outpost.api.LoginRequest;
import dev.outpost.api.LoginResponse;
import dev.outpost.api.NodeView;
import dev.outpost.api.TokenRequest;
import dev.outpost.api.TokenResponse;
import dev.outpost.client.http.ApiClient;
import dev.outpost.client.http.ApiException;
import dev.outpost.client.http.ProxyAddress;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * The REST API as the bootstrap admin of a local cluster, for tools that set nodes up without the
 * CLI: the demo agent's join token, and the benchmark's many simulated agents.
 */
public final class AdminSession {
  private final ApiClient api;

  private AdminSession(ApiClient api) {
    this.api = api;
  }

  /**
   * Logs in with a throw-away key: the session token is all these tools need. The key comes from
   * MINA SSHD (Bouncy Castle's Ed25519), whose encoder does not take the JDK's own EdDSA keys.
   */
  public static AdminSession login(LocalCluster cluster, String adminPassword)
      throws IOException, GeneralSecurityException, ApiException {
    ApiClient api = new ApiClient(ProxyAddress.parse("localhost:" + cluster.layout().httpsPort()), cluster.trustContext());
    String publicKey = PublicKeyEntry.toString(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256).getPublic());
    LoginResponse session =
        api.post("/api/v1/login", new LoginRequest("admin", adminPassword, null, publicKey, null, "1h"), LoginResponse.class);
    return new AdminSession(api.withBearerToken(session.sessionToken()));
  }

  /** A single-use node join token, valid for ten minutes. */
  public TokenResponse nodeToken() throws IOException, ApiException {
    return api.post("/api/v1/admin/tokens", new TokenRequest("node", "10m"), TokenResponse.class);
  }

  /** {@code GET /api/v1/cluster}: the cheapest answer the proxy gives, a health probe. */
  public ClusterInfo cluster() throws IOException, ApiException {
    return api.get("/api/v1/cluster", ClusterInfo.class);
  }

  public List<NodeView> nodes() throws IOException, ApiException {
    return api.getList("/api/v1/nodes", NodeView.class);
  }
}
