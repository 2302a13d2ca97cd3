package dev.outpost.bench.setup;

import dev.outpost.bench.measure.HttpLoad;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The app proxy as a script uses it: a role that allows the benchmark's app, {@code outpost apps
 * login} for a client certificate, then HTTPS to the proxy with the app's {@code Host}. The JVM
 * must allow setting {@code Host} ({@code -Djdk.httpclient.allowRestrictedHeaders=host}): the app's
 * name {@code APP.localhost} is not resolvable by the JDK.
 */
public final class AppPath {
  public static final String APP = "bench";
  private static final char[] PASSWORD = "bench".toCharArray();

  private AppPath() {}

  /** Grants the bootstrap admin the app, writes its client certificate, returns the load driver. */
  public static HttpLoad open(BenchCluster cluster, Path dir) {
    OutpostCli cli = new OutpostCli(cluster.layout().root(), dir.resolve("cli-home"));
    cli.login(cluster.proxy(), cluster.adminPassword());
    try {
      Path role = Files.writeString(dir.resolve("bench-apps.yaml"),
          "kind: role\nname: bench-apps\nallow:\n  app_labels: {bench: app}\n");
      cli.run("admin", "roles", "create", "-f", role.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    cli.run("admin", "users", "update", "admin", "--set-roles=admin,access,bench-apps");
    cli.login(cluster.proxy(), cluster.adminPassword());
    cli.run("apps", "login", APP);
    Path home = dir.resolve("cli-home");
    String port = cluster.proxy().substring(cluster.proxy().lastIndexOf(':') + 1);
    return new HttpLoad(client(home), URI.create("https://" + cluster.proxy()),
        APP + ".localhost:" + port);
  }

  private static HttpClient client(Path home) {
    try {
      CertificateFactory x509 = CertificateFactory.getInstance("X.509");
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("app", privateKey(home.resolve("apps/" + APP + ".key")), PASSWORD,
          new Certificate[] {certificate(x509, home.resolve("apps/" + APP + ".crt"))});
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", certificate(x509, home.resolve("cluster_ca.pem")));
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, PASSWORD);
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
      return HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the app's client certificate", e);
    }
  }

  private static Certificate certificate(CertificateFactory x509, Path pem) throws IOException,
      GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      return x509.generateCertificate(in);
    }
  }

  private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
    String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("EC")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }
}
