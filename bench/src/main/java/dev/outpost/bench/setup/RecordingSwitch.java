package dev.outpost.bench.setup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * Recording on or off for the bench's agent, through the product's own fallback: the admin gets a
 * role with {@code record_session: best-effort}, and "off" makes the agent's recording spool
 * unusable (a file where its directory was), so that the node runs the terminal unrecorded as it
 * would with a full disk. "On" restores the directory. Both modes use the same certificate.
 */
public final class RecordingSwitch {
  private static final String ROLE = "bench-best-effort";
  private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(10);

  private final Path spool;
  private final Path parked;

  private RecordingSwitch(Path spool) {
    this.spool = spool;
    this.parked = spool.resolveSibling("recordings.parked");
  }

  /** Gives the admin the best-effort role and logs in again, so the certificate carries it. */
  public static RecordingSwitch prepare(BenchCluster cluster, Path dir) {
    OutpostCli cli = new OutpostCli(cluster.layout().root(), dir.resolve("cli-home"));
    try {
      Path role = Files.writeString(dir.resolve(ROLE + ".yaml"), String.join("\n",
          "kind: role", "name: " + ROLE, "allow:", "  logins: [root]", "  node_labels: {'*': '*'}",
          "options:", "  record_session: best-effort", ""));
      cli.run("admin", "roles", "create", "-f", role.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    cli.run("admin", "users", "update", "admin", "--set-roles=admin,access," + ROLE);
    cli.login(cluster.proxy(), cluster.adminPassword());
    return new RecordingSwitch(dir.resolve("agent/recordings"));
  }

  public void off() {
    try {
      Files.createDirectories(spool);
      Files.move(spool, parked);
      Files.writeString(spool, "recording switched off by the benchmark\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void on() {
    try {
      Files.delete(spool);
      Files.move(parked, spool);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the agent has uploaded every recording, so that uploads do not overlap a run. */
  public void awaitUploaded() {
    Instant deadline = Instant.now().plus(UPLOAD_TIMEOUT);
    while (pending() > 0) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("recordings still in " + spool + " after " + UPLOAD_TIMEOUT);
      }
      Pause.of(Duration.ofSeconds(1));
    }
  }

  private long pending() {
    if (!Files.isDirectory(spool)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(spool)) {
      return files.filter(file -> file.toString().endsWith(".cast")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
