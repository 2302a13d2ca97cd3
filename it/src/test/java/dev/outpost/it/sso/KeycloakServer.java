package dev.outpost.it.sso;

import dev.outpost.launcher.Directories;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak (the distribution the build unpacks from Maven Central) in dev mode on a
 * loopback port, with realm {@code outpost} imported from the test resources: users alice
 * (field-techs), carol (edge-admins, field-techs) and dave (visitors), a confidential client
 * {@code outpost} and a device-grant client {@code outpost-cli}. Started once per test run, on
 * first use, with a fresh data directory; stopped when the test JVM ends.
 */
public final class KeycloakServer {

  public static final int PORT = 18480;
  public static final String ISSUER = "http://127.0.0.1:" + PORT + "/realms/outpost";
  public static final String CLIENT_ID = "outpost";
  public static final String CLIENT_SECRET = "outpost-it-client-secret";
  private static final int MANAGEMENT_PORT = 18490;
  private static final Duration STARTUP = Duration.ofMinutes(5);

  private static KeycloakServer running;

  private final Process process;
  private final Path log;

  private KeycloakServer(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** The running server, started on first call. */
  public static synchronized KeycloakServer get() {
    if (running == null) {
      running = start(Path.of(System.getProperty("keycloak.home",
          "target/keycloak-" + System.getProperty("keycloak.version", "26.5.6"))));
      Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "keycloak-stop"));
    }
    return running;
  }

  /** Whether the build unpacked the distribution. */
  public static boolean installed() {
    return Files.isExecutable(Path.of(System.getProperty("keycloak.home", "-"), "bin", "kc.sh"));
  }

  private static KeycloakServer start(Path home) {
    try {
      Path data = home.resolve("data");
      Directories.deleteRecursively(data);
      Path imports = Files.createDirectories(data.resolve("import"));
      try (InputStream realm = KeycloakServer.class.getResourceAsStream(
          "/keycloak/outpost-realm.json")) {
        Files.copy(realm, imports.resolve("outpost-realm.json"));
      }
      Path log = home.getParent().resolve("keycloak.log");
      ProcessBuilder builder = new ProcessBuilder(List.of(home.resolve("bin/kc.sh").toString(),
          "start-dev", "--import-realm", "--http-host=127.0.0.1", "--http-port=" + PORT,
          "--http-management-port=" + MANAGEMENT_PORT, "--cache=local"))
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
      long started = System.nanoTime();
      KeycloakServer server = new KeycloakServer(builder.start(), log);
      server.awaitRealm();
      System.out.printf("Keycloak %s ready in %d ms%n", ISSUER,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Keycloak from " + home, e);
    }
  }

  private void awaitRealm() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest discovery = HttpRequest.newBuilder(
        URI.create(ISSUER + "/.well-known/openid-configuration")).GET().build();
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ":\n"
            + tail());
      }
      try {
        if (http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while Keycloak started", e);
      }
      sleep(500);
    }
    stop();
    throw new IllegalStateException("Keycloak did not serve realm outpost within " + STARTUP
        + ":\n" + tail());
  }

  private void stop() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
