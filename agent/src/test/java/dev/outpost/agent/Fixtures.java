package dev.outpost.agent;

import dev.outpost.agent.identity.HostCertificate;
import dev.outpost.agent.identity.HostKeys;
import dev.outpost.agent.identity.NodeIdentity;
import dev.outpost.agent.identity.NodeProperties;
import dev.outpost.agent.identity.UserCaKeys;
import dev.outpost.api.UserCertificatePermissions;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.sshd.certificate.OpenSshCertificateBuilder;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Keys, CAs and certificates made on the fly, as the proxy would issue them. */
public final class Fixtures {
  private Fixtures() {}

  public static KeyPair ed25519() throws Exception {
    return HostKeys.generate();
  }

  /** A host certificate for {@code key}, valid from {@code from} to {@code to}. */
  public static OpenSshCertificate hostCertificate(
      KeyPair ca, KeyPair key, String node, Instant from, Instant to) throws Exception {
    return OpenSshCertificateBuilder.hostCertificate()
        .publicKey(key.getPublic())
        .id(node)
        .serial(1)
        .principals(List.of(node, node + ".test"))
        .validAfter(from)
        .validBefore(to)
        .sign(ca);
  }

  /** What the proxy grants role access in cluster {@code test}: a terminal and file copy. */
  public static final UserCertificatePermissions ACCESS =
      new UserCertificatePermissions("test", List.of("access"), false, true);

  /** A user certificate for {@code key} with {@code logins} as principals, of role access. */
  public static OpenSshCertificate userCertificate(
      KeyPair ca, KeyPair key, List<String> logins, Instant from, Instant to, Map<String, String> critical)
      throws Exception {
    return userCertificate(ca, key, logins, from, to, critical, ACCESS.extensions());
  }

  /** A user certificate for {@code key} with {@code logins} as principals and these extensions. */
  public static OpenSshCertificate userCertificate(
      KeyPair ca,
      KeyPair key,
      List<String> logins,
      Instant from,
      Instant to,
      Map<String, String> critical,
      Map<String, String> extensions)
      throws Exception {
    return OpenSshCertificateBuilder.userCertificate()
        .publicKey(key.getPublic())
        .id("alice")
        .serial(7)
        .principals(logins)
        .criticalOptions(critical)
        .extensions(extensions)
        .validAfter(from)
        .validBefore(to)
        .sign(ca);
  }

  public static String line(PublicKey key) {
    return PublicKeyEntry.toString(key);
  }

  /** A complete node identity: host key, host cert by {@code hostCa}, user CA {@code userCa}. */
  public static NodeIdentity identity(KeyPair hostCa, KeyPair userCa, Instant from, Instant to)
      throws Exception {
    KeyPair hostKey = ed25519();
    HostCertificate certificate =
        HostCertificate.parse(line(hostCertificate(hostCa, hostKey, "edge-1", from, to)));
    return new NodeIdentity(
        new NodeProperties("test", "edge-1", "proxy.test:8443"),
        hostKey,
        certificate,
        UserCaKeys.parse(List.of(line(userCa.getPublic()))),
        clusterCa());
  }

  /** A self-signed X.509 CA (EC P-256). */
  public static X509Certificate clusterCa() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair key = generator.generateKeyPair();
    X500Name name = new X500Name("CN=Outpost test CA");
    Instant now = Instant.now();
    var builder =
        new JcaX509v3CertificateBuilder(
            name, BigInteger.ONE, Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)), name, key.getPublic());
    var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }
}
