package dev.outpost.agent.kube;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The current context of a kubeconfig file, as far as the agent needs it: the API server's URL,
 * how to trust it ({@code certificate-authority[-data]}, or {@code insecure-skip-tls-verify}) and
 * the agent's own credential (a client certificate and key, PKCS#8, PKCS#1 or SEC1 PEM, or a
 * bearer token, inline or in a file). Exec plugins and auth providers are not supported: the agent
 * says so at start rather than failing at the first request.
 */
public final class Kubeconfig {

  private Kubeconfig() {}

  /** @throws IllegalArgumentException naming the missing or unsupported entry */
  public static KubeApiServer load(Path file) throws IOException {
    Map<String, Object> root = map(new Yaml(new SafeConstructor(new LoaderOptions()))
        .load(Files.readString(file)), "kubeconfig " + file);
    Path base = file.toAbsolutePath().getParent();
    String current = string(root, "current-context", "kubeconfig");
    Map<String, Object> context = named(root, "contexts", current, "context");
    Map<String, Object> cluster = named(root, "clusters", string(context, "cluster", "context"), "cluster");
    Map<String, Object> user = context.containsKey("user")
        ? named(root, "users", string(context, "user", "context"), "user") : Map.of();
    if (user.containsKey("exec") || user.containsKey("auth-provider")) {
      throw new IllegalArgumentException("kubeconfig user uses exec or auth-provider, which the"
          + " agent does not run: give it a client certificate or a token");
    }
    URI server = URI.create(string(cluster, "server", "cluster"));
    try {
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(keyManagers(user, base), trustManagers(cluster, base), null);
      Optional<String> token = Optional.ofNullable((String) user.get("token"));
      Optional<Path> tokenFile = Optional.ofNullable((String) user.get("tokenFile")).map(base::resolve);
      return new KubeApiServer(server, tls, token, tokenFile);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("kubeconfig credentials unusable: " + e.getMessage(), e);
    }
  }

  private static javax.net.ssl.KeyManager[] keyManagers(Map<String, Object> user, Path base)
      throws IOException, GeneralSecurityException {
    byte[] certificate = pem(user, "client-certificate", base);
    byte[] key = pem(user, "client-key", base);
    if (certificate == null || key == null) {
      return null;
    }
    Iterable<KeyPair> pairs;
    try (InputStream in = new ByteArrayInputStream(key)) {
      pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("client-key"), in, null);
    }
    if (pairs == null || !pairs.iterator().hasNext()) {
      throw new GeneralSecurityException("no private key in client-key");
    }
    List<Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(certificate)));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] none = new char[0];
    store.setKeyEntry("client", pairs.iterator().next().getPrivate(), none,
        chain.toArray(Certificate[]::new));
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, none);
    return factory.getKeyManagers();
  }

  private static TrustManager[] trustManagers(Map<String, Object> cluster, Path base)
      throws IOException, GeneralSecurityException {
    if (Boolean.TRUE.equals(cluster.get("insecure-skip-tls-verify"))) {
      return new TrustManager[] {new TrustingAnyServer()};
    }
    byte[] ca = pem(cluster, "certificate-authority", base);
    return ca == null ? null : trusting(ca);
  }

  /** Trust in the CA certificates of {@code caPem} only. */
  static TrustManager[] trusting(byte[] caPem) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    int index = 0;
    for (Certificate certificate : CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(caPem))) {
      store.setCertificateEntry("ca-" + index++, certificate);
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
  }

  /** {@code NAME-data} (base64 PEM) or {@code NAME} (a file, relative to the kubeconfig). */
  private static byte[] pem(Map<String, Object> section, String name, Path base) throws IOException {
    Object inline = section.get(name + "-data");
    if (inline instanceof String data) {
      return Base64.getMimeDecoder().decode(data.getBytes(StandardCharsets.US_ASCII));
    }
    Object file = section.get(name);
    return file instanceof String path ? Files.readAllBytes(base.resolve(path)) : null;
  }

  private static Map<String, Object> named(Map<String, Object> root, String list, String name,
      String field) {
    Object entries = root.get(list);
    if (entries instanceof List<?> items) {
      for (Object item : items) {
        Map<String, Object> entry = map(item, list);
        if (name.equals(entry.get("name"))) {
          return map(entry.get(field), list + " entry " + name);
        }
      }
    }
    throw new IllegalArgumentException("kubeconfig has no " + field + " named '" + name + "'");
  }

  private static String string(Map<String, Object> section, String key, String where) {
    if (section.get(key) instanceof String value && !value.isBlank()) {
      return value;
    }
    throw new IllegalArgumentException("kubeconfig " + where + " has no " + key);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String where) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new IllegalArgumentException(where + " is not a YAML mapping");
  }

  /** What {@code insecure-skip-tls-verify: true} asks for, as kubectl does it. */
  private static final class TrustingAnyServer extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException("client side only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
      throw new UnsupportedOperationException("client side only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      throw new UnsupportedOperationException("client side only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      // insecure-skip-tls-verify: the kubeconfig's owner chose to trust any server (and name)
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
      // as above; extending X509ExtendedTrustManager keeps JSSE from checking the host name
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      // as above
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
