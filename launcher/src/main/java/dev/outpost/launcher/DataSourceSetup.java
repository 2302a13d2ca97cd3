package dev.outpost.launcher;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Creates the {@code jdbc/outpost} resource: an embedded H2 database in the data directory (H2 is
 * bundled with Payara), or the JDBC URL of {@code OUTPOST_DB_URL}. The embedded database gets a
 * random password kept in {@code secrets/db-password}, so the file is not open to anyone who can
 * reach it. Payara brings no PostgreSQL driver: {@link #installDriver} copies the launcher's into
 * the domain's {@code lib}, which the server loads when it starts.
 */
final class DataSourceSetup {
  private static final String POOL = "outpost-pool";
  static final String DB_URL = "OUTPOST_DB_URL";
  /** Payara's validation that runs {@code SELECT 1} on the connection. */
  static final String POSTGRESQL_VALIDATION =
      "org.glassfish.api.jdbc.validation.PostgresConnectionValidation";

  private final Asadmin asadmin;
  private final Path dataDir;
  private final String url;

  /**
   * @param environment the server's environment: its {@value #DB_URL} wins over the launcher's own
   *     setting ({@code outpost.db.url} or {@value #DB_URL})
   */
  DataSourceSetup(Asadmin asadmin, Path dataDir, Map<String, String> environment) {
    this.asadmin = asadmin;
    this.dataDir = dataDir;
    String configured = environment.get(DB_URL);
    if (configured == null || configured.isBlank()) {
      configured = Settings.value("outpost.db.url", DB_URL, null);
    }
    this.url = configured != null ? configured
        : "jdbc:h2:file:" + dataDir.resolve("db/outpost").toAbsolutePath();
    dataSourceClass(url); // an unsupported URL stops the launcher before the server starts
  }

  /**
   * Puts the PostgreSQL driver into {@code domainLib} when the database is PostgreSQL, before the
   * server starts (a running server loads it only after a restart). H2 comes with Payara.
   */
  void installDriver(Path domainLib) {
    if (!postgresql()) {
      return;
    }
    try {
      Path driver = Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource()
          .getLocation().toURI());
      Files.createDirectories(domainLib);
      Files.copy(driver, domainLib.resolve(driver.getFileName()),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("cannot put the PostgreSQL driver into " + domainLib + ": "
          + e.getMessage(), e);
    }
  }

  void create() {
    List<String> pool = new ArrayList<>(List.of("create-jdbc-connection-pool",
        "--datasourceclassname", dataSourceClass(url),
        "--restype", "javax.sql.DataSource",
        "--property", "url=" + escape(url)));
    if (postgresql()) {
      // A database server that restarts cuts every pooled connection. Each connection is checked
      // with a real round trip (SELECT 1) before use, and one failure drops them all, so the pool
      // recovers by itself (and the audit journal replays). The "auto-commit" method does not
      // do: the driver answers it without asking the server, and broken connections stay pooled.
      pool.addAll(List.of(
          "--isconnectvalidatereq=true",
          "--validationmethod=custom-validation",
          "--validationclassname=" + POSTGRESQL_VALIDATION,
          "--failconnection=true"));
    }
    pool.add(POOL);
    asadmin.remote(pool.toArray(String[]::new));
    if (url.startsWith("jdbc:h2:")) {
      asadmin.remote(
          "set",
          "resources.jdbc-connection-pool." + POOL + ".property.user=outpost",
          "resources.jdbc-connection-pool." + POOL + ".property.password=" + embeddedPassword());
    }
    asadmin.remote("create-jdbc-resource", "--connectionpoolid", POOL, "jdbc/outpost");
  }

  private boolean postgresql() {
    return url.startsWith("jdbc:postgresql:");
  }

  private static String dataSourceClass(String url) {
    if (url.startsWith("jdbc:postgresql:")) {
      return "org.postgresql.ds.PGSimpleDataSource";
    }
    if (url.startsWith("jdbc:h2:")) {
      return "org.h2.jdbcx.JdbcDataSource";
    }
    throw new IllegalArgumentException("unsupported OUTPOST_DB_URL (H2 or PostgreSQL): " + url);
  }

  /** asadmin separates properties with ':' and so needs them escaped inside values. */
  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=");
  }

  private String embeddedPassword() {
    Path file = dataDir.resolve("secrets/db-password");
    try {
      if (Files.exists(file)) {
        return Files.readString(file).trim();
      }
      Files.createDirectories(file.getParent());
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      String password = HexFormat.of().formatHex(random);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, password);
      return password;
    } catch (IOException e) {
      throw new IllegalStateException("cannot keep the database password: " + e.getMessage(), e);
    }
  }
}
