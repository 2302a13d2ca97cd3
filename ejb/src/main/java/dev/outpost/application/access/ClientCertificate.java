package dev.outpost.application.access;

import dev.outpost.domain.shared.OutpostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Who a request comes from by its TLS client certificate (kubectl, scripts on app hosts, REST
 * calls): the certificate the listener received, checked here again rather than trusted because
 * the listener's trust store holds more CAs than ours. It must be signed by the cluster's X.509
 * CA, valid now, for client authentication, and name this cluster (O) and the user (CN), as
 * {@code outpost login} had it issued.
 */
public final class ClientCertificate {
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  static final String LOGIN_AGAIN = "; run 'outpost login' again";

  private ClientCertificate() {}

  /**
   * @param chain the client's chain as the container hands it over, leaf first; null when the
   *     client sent none
   * @return the user the certificate names
   * @throws OutpostException UNAUTHENTICATED naming the failed check
   */
  public static String user(X509Certificate[] chain, X509Certificate ca, String cluster,
      Instant now) {
    if (chain == null || chain.length == 0) {
      throw OutpostException.unauthenticated("no client certificate");
    }
    X509Certificate leaf = chain[0];
    try {
      leaf.verify(ca.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw OutpostException.unauthenticated(
          "the client certificate is not signed by this cluster's CA");
    }
    try {
      leaf.checkValidity(Date.from(now));
    } catch (CertificateExpiredException e) {
      throw OutpostException.unauthenticated("the client certificate expired at "
          + leaf.getNotAfter().toInstant() + LOGIN_AGAIN);
    } catch (CertificateNotYetValidException e) {
      throw OutpostException.unauthenticated("the client certificate is not valid yet");
    }
    if (!clientAuth(leaf)) {
      throw OutpostException.unauthenticated("the certificate is not for client authentication");
    }
    String organization = attribute(leaf, "O");
    if (!cluster.equals(organization)) {
      throw OutpostException.unauthenticated("the client certificate is for cluster '"
          + organization + "', not '" + cluster + "'");
    }
    String user = attribute(leaf, "CN");
    if (user == null || user.isBlank()) {
      throw OutpostException.unauthenticated("the client certificate names no user");
    }
    return user;
  }

  private static boolean clientAuth(X509Certificate certificate) {
    try {
      List<String> usages = certificate.getExtendedKeyUsage();
      return usages != null && usages.contains(CLIENT_AUTH);
    } catch (CertificateParsingException e) {
      return false;
    }
  }

  private static String attribute(X509Certificate certificate, String type) {
    try {
      for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase(type)) {
          return rdn.getValue().toString();
        }
      }
      return null;
    } catch (InvalidNameException e) {
      return null;
    }
  }
}
