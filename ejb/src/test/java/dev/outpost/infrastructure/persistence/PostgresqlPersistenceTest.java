package dev.outpost.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.application.audit.AuditJournal;
import dev.outpost.application.audit.AuditWriter;
import dev.outpost.application.audit.DurableAuditTrail;
import dev.outpost.domain.audit.AuditEvent;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditQuery;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.node.Node;
import dev.outpost.domain.node.NodeLabels;
import dev.outpost.domain.node.NodeName;
import dev.outpost.domain.recording.Recording;
import dev.outpost.testsupport.PostgresServer;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The schema migrations and the same JPA repositories the proxy runs, against a real PostgreSQL
 * server started for this test (Debian's {@code postgresql} package, installed by {@code .ci/run}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresqlPersistenceTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private PostgresServer server;
  private EntityManagerFactory factory;

  @BeforeAll
  void startPostgres() throws Exception {
    Path bin = PostgresServer.binaries().orElse(null);
    Assumptions.assumeTrue(bin != null,
        "PostgreSQL tests need Debian's postgresql package (/usr/lib/postgresql/*/bin)");
    server = PostgresServer.start(bin);
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(server.jdbcUrl());
    MigrateResult migrated =
        SchemaMigration.applyMigrations(dataSource, getClass().getClassLoader());
    assertTrue(migrated.migrationsExecuted >= 2, "V1 and V3 at least");
    factory = Persistence.createEntityManagerFactory("outpost-standalone",
        Map.of("jakarta.persistence.jdbc.url", server.jdbcUrl(),
            "jakarta.persistence.jdbc.driver", "org.postgresql.Driver"));
  }

  @AfterAll
  void stopPostgres() throws Exception {
    if (factory != null) {
      factory.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void auditEventsAreFilteredPagedAndKeptOncePerId() throws Exception {
    String node = "pg-" + UUID.randomUUID().toString().substring(0, 8);
    UUID nodeEvent = UUID.randomUUID();
    inTransaction(JpaAuditRepository.class, audit -> {
      for (int i = 0; i < 5; i++) {
        audit.add(new AuditEvent(AuditRecord.success(AuditEventType.SESSION_START).actor("alice")
            .node(node).login("root").target("t" + i), T0.plusSeconds(i), "cluster"));
      }
      audit.add(new AuditEvent(AuditRecord.failure(AuditEventType.USER_LOGIN_FAILURE, "unknown user")
          .actor("mallory"), T0, "cluster"));
      audit.add(new AuditEvent(nodeEvent, AuditRecord.success(AuditEventType.EXEC).node(node)
          .actor("alice").target("uname -a"), T0.plusSeconds(9), "cluster"));
    });
    inTransaction(JpaAuditRepository.class, audit -> {
      List<AuditEvent> page = audit.list(new AuditQuery(T0, AuditEventType.SESSION_START, "alice",
          node, 1, 2));
      assertEquals(List.of("t1", "t2"), page.stream().map(e -> e.record().target()).toList());
      assertEquals(6, audit.list(new AuditQuery(T0, null, null, node, 0, 100)).size());
      assertEquals(1, audit.list(new AuditQuery(T0, AuditEventType.USER_LOGIN_FAILURE, "mallory",
          null, 0, 100)).size());
      assertTrue(audit.contains(nodeEvent));
      assertFalse(audit.contains(UUID.randomUUID()));
    });
  }

  @Test
  void nodesAreListedInNameOrderEachWithItsOwnLabels() throws Exception {
    String cluster = "list-" + UUID.randomUUID();
    inTransaction(JpaNodeRepository.class, nodes -> IntStream.of(3, 1, 2).forEach(i -> nodes.add(
        new Node(cluster, new NodeName("node-" + i), new NodeLabels(Map.of("rack", "r" + i, "env", "edge")),
            "SHA256:" + i, T0))));
    inTransaction(JpaNodeRepository.class, nodes -> {
      List<Node> listed = nodes.list(cluster);
      assertEquals(List.of("node-1", "node-2", "node-3"), listed.stream().map(Node::name).toList());
      for (Node node : listed) {
        String rack = "r" + node.name().substring("node-".length());
        assertEquals(Map.of("rack", rack, "env", "edge"), node.labels(), node.name());
      }
    });
  }

  @Test
  void aHeartbeatMovesLastSeenForwardOnlyAndLeavesTheTunnelsUpdatesUnraced() throws Exception {
    String cluster = "seen-" + UUID.randomUUID();
    Instant connected = T0.plusSeconds(60);
    UUID[] tunnel = new UUID[1];
    inTransaction(JpaNodeRepository.class, nodes -> {
      Node node = new Node(cluster, new NodeName("beating"), new NodeLabels(Map.of()), "SHA256:b", T0);
      tunnel[0] = node.connected("proxy-1", "10.0.0.1", connected);
      nodes.add(node);
    });
    inTransaction(JpaNodeRepository.class, nodes -> {
      nodes.seen(cluster, "beating", connected.plusSeconds(30));
      nodes.seen(cluster, "beating", connected.plusSeconds(10));
      nodes.seen(cluster, "gone", connected.plusSeconds(30));
    });
    inTransaction(JpaNodeRepository.class, nodes -> {
      Node node = nodes.find(cluster, "beating").orElseThrow();
      assertEquals(connected.plusSeconds(30), node.lastSeen().orElseThrow(), "never back");
      // loaded before the heartbeat's statement, written after it: no optimistic-lock conflict
      nodes.seen(cluster, "beating", connected.plusSeconds(34));
      assertTrue(node.linkLost(tunnel[0], connected.plusSeconds(35)));
    });
    inTransaction(JpaNodeRepository.class, nodes -> {
      Node node = nodes.find(cluster, "beating").orElseThrow();
      assertFalse(node.isOnline());
      assertEquals(connected.plusSeconds(35), node.lastSeen().orElseThrow());
    });
  }

  @Test
  void recordingsAreFoundBySessionAndCompleted() throws Exception {
    UUID id = UUID.randomUUID();
    UUID session = UUID.randomUUID();
    inTransaction(JpaRecordingRepository.class, recordings -> recordings.add(
        new Recording(id, "cluster", "edge-1", session, "alice", "root", T0)));
    inTransaction(JpaRecordingRepository.class, recordings -> {
      Recording found = recordings.bySession(session).get(0);
      found.grew(42);
      found.completed(42, "ab".repeat(32), T0.plusSeconds(60), T0.plusSeconds(61));
    });
    inTransaction(JpaRecordingRepository.class, recordings -> {
      Recording done = recordings.find(id).orElseThrow();
      assertTrue(done.isComplete());
      assertEquals(42, done.size());
      assertEquals(T0.plusSeconds(60), done.ended().orElseThrow());
      assertTrue(recordings.latest("cluster", 10).stream().anyMatch(r -> r.id().equals(id)));
    });
  }

  @Test
  void auditEventsRecordedWhileTheServerIsDownReachItOnceWhenItIsBack(@TempDir Path dir)
      throws Exception {
    String actor = "outage-" + UUID.randomUUID().toString().substring(0, 8);
    AuditJournal journal = new AuditJournal(dir.resolve("audit-journal/proxy.jsonl"));
    DurableAuditTrail trail = new DurableAuditTrail(new JpaAuditWriter(), journal,
        new AuditJournal(dir.resolve("audit-journal/quarantine/proxy.jsonl")));
    List<AuditEvent> events = IntStream.range(0, 30)
        .mapToObj(i -> new AuditEvent(AuditRecord.success(AuditEventType.TOKEN_CREATE)
            .actor(actor).target("t" + i), T0.plusSeconds(i), "cluster"))
        .toList();

    events.subList(0, 10).forEach(trail::record);
    server.stopServer();
    try {
      events.subList(10, 20).forEach(trail::record);
      assertEquals(10, journal.read().size(), "the events of the outage wait in the journal");
      assertEquals(0, trail.replay(), "replay waits while the server is down");
    } finally {
      server.startServer();
    }
    events.subList(20, 30).forEach(trail::record);
    trail.replay();
    assertEquals(0, trail.replay(), "a second replay finds nothing new");

    assertTrue(journal.isEmpty());
    List<AuditEvent> kept = new ArrayList<>();
    inTransaction(JpaAuditRepository.class,
        audit -> kept.addAll(audit.list(new AuditQuery(T0, null, actor, null, 0, 100))));
    assertEquals(events.stream().map(AuditEvent::id).toList(),
        kept.stream().map(AuditEvent::id).toList(), "every event, once, in time order");
  }

  @Test
  void anEventThisServerRefusesForGoodIsQuarantinedAndTheOthersAreWritten(@TempDir Path dir)
      throws Exception {
    String actor = "nul-" + UUID.randomUUID().toString().substring(0, 8);
    AuditJournal journal = new AuditJournal(dir.resolve("audit-journal/proxy.jsonl"));
    AuditJournal quarantine = new AuditJournal(dir.resolve("audit-journal/quarantine/proxy.jsonl"));
    DurableAuditTrail trail = new DurableAuditTrail(new JpaAuditWriter(), journal, quarantine);
    // PostgreSQL text cannot hold U+0000 (SQLSTATE class 22): no retry will ever write this event
    AuditEvent refused = new AuditEvent(AuditRecord.success(AuditEventType.TOKEN_CREATE)
        .actor(actor).target("bad\u0000name"), T0.plusSeconds(2), "cluster");
    List<AuditEvent> good = IntStream.range(0, 4)
        .mapToObj(i -> new AuditEvent(AuditRecord.success(AuditEventType.TOKEN_CREATE)
            .actor(actor).target("t" + i), T0.plusSeconds(i), "cluster"))
        .toList();

    server.stopServer();
    try {
      trail.record(good.get(0));
      trail.record(good.get(1));
    } finally {
      server.startServer();
    }
    trail.record(refused);
    trail.record(good.get(2));
    assertEquals(List.of(good.get(0).id(), good.get(1).id(), refused.id()),
        journal.read().stream().map(entry -> entry.event().id()).toList());
    trail.record(good.get(3));
    assertEquals(2, trail.replay(), "the two events of the outage");

    assertTrue(journal.isEmpty());
    assertEquals(List.of(refused.id()),
        quarantine.read().stream().map(entry -> entry.event().id()).toList());
    List<AuditEvent> kept = new ArrayList<>();
    inTransaction(JpaAuditRepository.class,
        audit -> kept.addAll(audit.list(new AuditQuery(T0, null, actor, null, 0, 100))));
    assertEquals(good.stream().map(AuditEvent::id).toList(),
        kept.stream().map(AuditEvent::id).toList());
  }

  /** The container's AuditStore, outside the container: each call a transaction of its own. */
  private final class JpaAuditWriter implements AuditWriter {

    @Override
    public void add(AuditEvent event) {
      inTransactionUnchecked(audit -> audit.add(event));
    }

    @Override
    public void addAll(List<AuditEvent> events) {
      inTransactionUnchecked(audit -> events.forEach(audit::add));
    }

    @Override
    public int addAbsent(List<AuditEvent> batch) {
      int[] added = {0};
      inTransactionUnchecked(audit -> batch.stream().filter(event -> !audit.contains(event.id()))
          .forEach(event -> {
            audit.add(event);
            added[0]++;
          }));
      return added[0];
    }

    private void inTransactionUnchecked(Consumer<JpaAuditRepository> work) {
      try {
        inTransaction(JpaAuditRepository.class, work);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Runs {@code work} against a repository wired to a fresh entity manager, then commits. */
  private <R> void inTransaction(Class<R> type, Consumer<R> work) throws Exception {
    EntityManager entityManager = factory.createEntityManager();
    try {
      R repository = type.getDeclaredConstructor().newInstance();
      Field field = type.getDeclaredField("entityManager");
      field.setAccessible(true);
      field.set(repository, entityManager);
      entityManager.getTransaction().begin();
      work.accept(repository);
      entityManager.getTransaction().commit();
    } finally {
      entityManager.close();
    }
  }
}
