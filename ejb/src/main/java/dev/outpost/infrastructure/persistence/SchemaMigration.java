package dev.outpost.infrastructure.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with the SQL migrations in {@code db/migration} before any other
 * bean touches the database. Flyway takes a database lock while it migrates, so two deployments
 * starting against one database apply each migration once; the second finds nothing to do.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

  private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

  @Resource(lookup = "jdbc/outpost")
  private DataSource dataSource;

  @PostConstruct
  void migrate() {
    MigrateResult result = applyMigrations(dataSource, SchemaMigration.class.getClassLoader());
    LOG.info(() -> "database schema at version " + result.targetSchemaVersion + " ("
        + result.migrationsExecuted + " migrations applied now)");
  }

  /**
   * Applies pending migrations to {@code dataSource}; also used by tests against plain H2. Not an
   * overload of the callback: on restart Payara finds lifecycle callbacks by name only.
   */
  public static MigrateResult applyMigrations(DataSource dataSource, ClassLoader classLoader) {
    return Flyway.configure(classLoader)
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .table("outpost_schema_history")
        .failOnMissingLocations(true)
        .load()
        .migrate();
  }
}
