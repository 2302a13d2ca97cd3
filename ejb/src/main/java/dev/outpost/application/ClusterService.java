package dev.outpost.application;

import dev.outpost.api.ClusterInfo;
import dev.outpost.ca.CertificateAuthorities;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Properties;

/** Public facts about the cluster: name, version, CA keys and pin. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ClusterService {

  private static final String VERSION = readVersion();

  @EJB
  private CertificateAuthorityService cas;

  @Inject
  private Clock clock;

  public ClusterInfo info() {
    CertificateAuthorities authorities = cas.authorities();
    return new ClusterInfo(authorities.cluster(), VERSION, authorities.tls().pin(),
        authorities.hosts().trustedKeyLines(clock.instant()),
        authorities.users().trustedKeyLines(clock.instant()),
        authorities.tls().certificatePem());
  }

  private static String readVersion() {
    try (InputStream in = ClusterService.class.getResourceAsStream("/outpost-version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
