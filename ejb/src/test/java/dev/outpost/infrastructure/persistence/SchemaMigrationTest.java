package dev.outpost.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.domain.role.RoleYaml;
import dev.outpost.testing.InMemoryRoles;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The migrations apply to H2 (the default database), once. */
class SchemaMigrationTest {

  @Test
  void appliesEveryMigrationOnceToH2() throws Exception {
    JdbcDataSource dataSource = h2("migration-test");
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
          "web_sessions", "join_tokens", "nodes", "node_labels", "audit_events", "roles", "recordings",
          "locks", "outpost_schema_history")), names.toString());
    }
  }

  @Test
  void seedsTheBuiltinRolesAsValidResources() throws Exception {
    JdbcDataSource dataSource = h2("seeded-roles");
    SchemaMigration.applyMigrations(dataSource, SchemaMigration.class.getClassLoader());

    Map<String, String> roles = new TreeMap<>();
    try (Connection connection = dataSource.getConnection();
        ResultSet rows = connection.createStatement()
            .executeQuery("SELECT name, resource FROM roles")) {
      while (rows.next()) {
        roles.put(rows.getString(1), rows.getString(2));
      }
    }

    assertEquals(Set.of("access", "admin"), roles.keySet());
    assertEquals(RoleYaml.parse(InMemoryRoles.ACCESS), RoleYaml.parse(roles.get("access")));
    assertEquals("admin", RoleYaml.parse(roles.get("admin")).name());
  }

  @Test
  void version2NamesTheRolesOfExistingUsers() throws Exception {
    JdbcDataSource dataSource = h2("upgrade");
    Flyway.configure(SchemaMigration.class.getClassLoader()).dataSource(dataSource)
        .locations("classpath:db/migration").table("outpost_schema_history").target("1")
        .load().migrate();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO users (id, name, created_at) VALUES ('u1', 'admin', "
          + "CURRENT_TIMESTAMP)");
      statement.execute("INSERT INTO user_roles (user_id, role) VALUES ('u1', 'ADMIN'), "
          + "('u1', 'ACCESS')");
    }

    SchemaMigration.applyMigrations(dataSource, SchemaMigration.class.getClassLoader());

    Set<String> roles = new HashSet<>();
    try (Connection connection = dataSource.getConnection();
        ResultSet rows = connection.createStatement()
            .executeQuery("SELECT role FROM user_roles WHERE user_id = 'u1'")) {
      while (rows.next()) {
        roles.add(rows.getString(1));
      }
    }
    assertEquals(Set.of("admin", "access"), roles);
  }

  private static JdbcDataSource h2(String name) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    return dataSource;
  }

  private static long migrationFiles(ClassLoader loader) throws Exception {
    try (var files = java.nio.file.Files.list(
        java.nio.file.Path.of(loader.getResource("db/migration").toURI()))) {
      return files.filter(f -> f.getFileName().toString().matches("V[0-9_]+__.*\\.sql")).count();
    }
  }
}
