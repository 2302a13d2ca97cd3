package dev.outpost.it.ejb;

import dev.outpost.api.CertificateProof;
import dev.outpost.application.AuditLog;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the test WAR from the EJB module and the libraries the EAR keeps in {@code lib/}, taken
 * from this test's class path (so a reactor build tests the module it just built, not a stale
 * copy in the local repository).
 */
final class EjbTestDeployment {

  /** One class from each library the EJB module needs at run time beyond Payara's own. */
  private static final List<String> LIBRARY_MARKERS = List.of(
      "dev.outpost.api.CertificateProof",
      "org.apache.sshd.certificate.OpenSshCertificateBuilder",
      "org.apache.sshd.common.config.keys.OpenSshCertificate",
      "org.slf4j.Logger",
      "org.bouncycastle.jce.provider.BouncyCastleProvider",
      "org.bouncycastle.cert.X509v3CertificateBuilder",
      "org.bouncycastle.asn1.cms.ContentInfo",
      "org.flywaydb.core.Flyway",
      "org.yaml.snakeyaml.Yaml",
      "com.nimbusds.jose.JWSObject",
      "org.flywaydb.database.postgresql.PostgreSQLDatabaseType",
      "org.flywaydb.database.cockroachdb.CockroachDBDatabaseType");

  private EjbTestDeployment() {}

  /** A WAR with the EJB jar, its libraries and {@code tests}. */
  static WebArchive create(String name, Class<?>... tests) {
    WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
        .addClasses(tests)
        .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
        .addAsLibrary(archive(location(AuditLog.class), "outpost-ejb.jar"));
    for (String marker : LIBRARY_MARKERS) {
      Path library = location(load(marker));
      war.addAsLibrary(library.toFile(), library.getFileName().toString());
    }
    return war;
  }

  private static JavaArchive archive(Path location, String name) {
    if (Files.isDirectory(location)) {
      return ShrinkWrap.create(ExplodedImporter.class, name)
          .importDirectory(location.toFile()).as(JavaArchive.class);
    }
    return ShrinkWrap.create(ZipImporter.class, name)
        .importFrom(location.toFile()).as(JavaArchive.class);
  }

  private static Class<?> load(String className) {
    try {
      return Class.forName(className, false, CertificateProof.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(className + " is not on the test class path", e);
    }
  }

  private static Path location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
