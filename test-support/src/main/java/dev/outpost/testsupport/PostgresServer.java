package dev.outpost.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server from Debian's {@code postgresql} package: {@code initdb} in a
 * temporary directory, started on a free loopback port with trust authentication, stopped and
 * deleted at close. PostgreSQL refuses to run as root, so as root it runs as user
 * {@code postgres} (the package creates it).
 */
public final class PostgresServer implements AutoCloseable {
  private static final Path DEBIAN = Path.of("/usr/lib/postgresql");

  private final Path bin;
  private final Path data;
  private final int port;

  private PostgresServer(Path bin, Path data, int port) {
    this.bin = bin;
    this.data = data;
    this.port = port;
  }

  /** The newest installed server's binaries, if Debian's package is there. */
  public static Optional<Path> binaries() {
    if (!Files.isDirectory(DEBIAN)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(DEBIAN)) {
      return versions.map(version -> version.resolve("bin"))
          .filter(dir -> Files.isExecutable(dir.resolve("initdb")))
          .max(Comparator.comparing(dir -> Integer.parseInt(dir.getParent().getFileName()
              .toString().replaceAll("\\D", "0"))));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public static PostgresServer start(Path bin) throws IOException, InterruptedException {
    Path data = Files.createTempDirectory("outpost-pg");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    PostgresServer server = new PostgresServer(bin, data, port);
    if (root()) {
      run("chown", "postgres:postgres", data.toString());
    }
    server.as(bin.resolve("initdb").toString(), "-D", data.resolve("db").toString(), "-A", "trust",
        "-U", "outpost", "-E", "UTF8", "--no-sync");
    server.startServer();
    return server;
  }

  /** Starts the server again after {@link #stopServer()}, on the same port and data. */
  public void startServer() throws IOException, InterruptedException {
    as(bin.resolve("pg_ctl").toString(), "-D", data.resolve("db").toString(), "-w", "-l",
        data.resolve("server.log").toString(), "-o",
        "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
  }

  /** Stops the server, as an outage would: open connections are cut. */
  public void stopServer() throws IOException, InterruptedException {
    as(bin.resolve("pg_ctl").toString(), "-D", data.resolve("db").toString(), "-m", "fast",
        "-w", "stop");
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=outpost";
  }

  /** Stops the server if it runs (a test may end while it is stopped) and deletes its files. */
  @Override
  public void close() throws IOException {
    try {
      try {
        as(bin.resolve("pg_ctl").toString(), "-D", data.resolve("db").toString(), "-m",
            "immediate", "-w", "stop");
      } catch (IOException notRunning) {
        // pg_ctl refuses to stop a server that is not running: nothing to stop
      }
      run("rm", "-rf", data.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping PostgreSQL in " + data, e);
    }
  }

  private void as(String... command) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>();
    if (root()) {
      line.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    line.addAll(List.of(command));
    run(line.toArray(String[]::new));
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
  }
}
