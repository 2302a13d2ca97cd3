package dev.outpost.cli.profile;

import java.nio.file.Path;
import java.util.Map;

/**
 * The CLI's credential directory: {@code --home}, else {@code $OUTPOST_HOME}, else {@code
 * ~/.outpost}. Names every file kept there (see docs/wire-contracts.md).
 *
 * @param dir absolute directory
 * @param isDefault whether it is {@code ~/.outpost}, so that generated commands need not name it
 */
public record OutpostHome(Path dir, boolean isDefault) {

  public static final String ENVIRONMENT_VARIABLE = "OUTPOST_HOME";

  public OutpostHome {
    dir = dir.toAbsolutePath().normalize();
  }

  /**
   * @param flag the {@code --home} option, or null
   * @param environment the process environment
   * @param userHome the {@code user.home} system property
   */
  public static OutpostHome resolve(Path flag, Map<String, String> environment, String userHome) {
    if (flag != null) {
      return new OutpostHome(flag, false);
    }
    String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return new OutpostHome(Path.of(fromEnvironment), false);
    }
    return new OutpostHome(Path.of(userHome, ".outpost"), true);
  }

  /** Proxy, user, cluster, session token and expiry; a secret because of the token. */
  public Path profile() {
    return dir.resolve("profile.json");
  }

  /** The SSH private key, OpenSSH format. */
  public Path key() {
    return dir.resolve("key");
  }

  public Path publicKey() {
    return dir.resolve("key.pub");
  }

  /** The user certificate; the name OpenSSH looks for beside {@link #key()}. */
  public Path certificate() {
    return dir.resolve("key-cert.pub");
  }

  /** The TLS client private key, PKCS#8 PEM. */
  public Path tlsKey() {
    return dir.resolve("tls.key");
  }

  public Path tlsCertificate() {
    return dir.resolve("tls.crt");
  }

  /** The client certificate of web app {@code app}, from {@code outpost apps login}. */
  public Path appCertificate(String app) {
    return dir.resolve("apps").resolve(app + ".crt");
  }

  /** Its private key, PKCS#8 PEM. */
  public Path appKey(String app) {
    return dir.resolve("apps").resolve(app + ".key");
  }

  public Path clusterCa() {
    return dir.resolve("cluster_ca.pem");
  }

  /** The {@code @cert-authority *.CLUSTER} lines for OpenSSH and for {@code outpost ssh}. */
  public Path knownHosts() {
    return dir.resolve("known_hosts");
  }

  /** The host CAs of the leaf clusters, written by {@code outpost config}. */
  public Path leafKnownHosts() {
    return dir.resolve("known_hosts.leaves");
  }
}
