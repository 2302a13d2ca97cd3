package dev.outpost.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The migrations apply to H2 (the default database), once. */
class SchemaMigrationTest {

  @Test
  void appliesEveryMigrationOnceToH2() throws Exception {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:migration-test;DB_CLOSE_DELAY=-1");
    ClassLoader loader = SchemaMigration.class.getClassLoader();

    MigrateResult first = SchemaMigration.applyMigrations(dataSource, loader);
    MigrateResult second = SchemaMigration.applyMigrations(dataSource, loader);

    assertEquals(migrationFiles(loader), first.migrationsExecuted);
    assertEquals(0, second.migrationsExecuted);
    try (Connection connection = dataSource.getConnection();
        ResultSet tables = connection.getMetaData().getTables(null, "PUBLIC", "%",
            new String[] {"TABLE"})) {
      Set<String> names = new HashSet<>();
      while (tables.next()) {
        names.add(tables.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
      }
      assertTrue(names.containsAll(Set.of("users", "user_roles", "user_logins", "invites",
          "web_sessions", "join_tokens", "nodes", "node_labels", "audit_events",
          "outpost_schema_history")), names.toString());
    }
  }

  private static long migrationFiles(ClassLoader loader) throws Exception {
    try (var files = java.nio.file.Files.list(
        java.nio.file.Path.of(loader.getResource("db/migration").toURI()))) {
      return files.filter(f -> f.getFileName().toString().matches("V[0-9_]+__.*\\.sql")).count();
    }
  }
}
