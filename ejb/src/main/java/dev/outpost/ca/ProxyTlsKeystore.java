package dev.outpost.ca;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The proxy's TLS server certificate in a PKCS12 keystore (alias {@value #ALIAS}, chain [leaf,
 * CA]), kept current: rewritten when missing, unreadable, signed by another CA, expiring within
 * 30 days, or naming other hosts than the configuration says (public address changed).
 */
public final class ProxyTlsKeystore {

  public static final String ALIAS = "outpost-proxy";
  static final Duration VALIDITY = Duration.ofDays(90);
  static final Duration RENEW_BEFORE = Duration.ofDays(30);

  private final Path file;
  private final char[] password;

  public ProxyTlsKeystore(Path file, char[] password) {
    this.file = file;
    this.password = password.clone();
  }

  /**
   * Makes sure the keystore holds a current certificate for {@code names}.
   *
   * @return true when the keystore was (re)written
   */
  public boolean ensure(X509CertificateAuthority ca, Set<String> names, Instant now,
      SecureRandom random) throws IOException, GeneralSecurityException {
    if (isCurrent(ca, names, now)) {
      return false;
    }
    KeyPair key = X509CertificateAuthority.generateKeyPair(random);
    X509Certificate leaf =
        ca.issueServer(key.getPublic(), names.iterator().next(), names, now, VALIDITY);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(ALIAS, key.getPrivate(), password,
        new Certificate[] {leaf, ca.certificate()});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.store(out, password);
    PrivateFiles.replace(file, out.toByteArray());
    return true;
  }

  private boolean isCurrent(X509CertificateAuthority ca, Set<String> names, Instant now) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      Certificate[] chain = store.getCertificateChain(ALIAS);
      if (chain == null || chain.length != 2 || !store.isKeyEntry(ALIAS)) {
        return false;
      }
      X509Certificate leaf = (X509Certificate) chain[0];
      return chain[1].equals(ca.certificate())
          && leaf.getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE))
          && subjectAlternativeNames(leaf).equals(new HashSet<>(names));
    } catch (IOException | GeneralSecurityException | ClassCastException e) {
      // unreadable, wrong password or foreign content: rewrite it
      return false;
    }
  }

  private static Set<String> subjectAlternativeNames(X509Certificate certificate)
      throws CertificateParsingException {
    Set<String> names = new HashSet<>();
    Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
    if (entries != null) {
      entries.forEach(entry -> names.add(String.valueOf(entry.get(1))));
    }
    return names;
  }
}
