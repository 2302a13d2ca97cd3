package dev.outpost.launcher;

import dev.outpost.client.tls.TlsContexts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The network a local cluster's processes live in: this host's, or a Linux network namespace
 * (made beforehand, e.g. by a test) that the host may not be able to dial into. Every {@code
 * asadmin} call runs there, so the server it forks does too, and so does the readiness probe.
 */
public sealed interface ProcessNetwork {
  /** This host's own network: commands run as they are, the probe is an HTTP request from here. */
  ProcessNetwork HOST = new Host();

  /** The namespace {@code name}; commands run through {@code ip netns exec}, which needs root. */
  static ProcessNetwork namespace(String name) {
    return new Namespace(name);
  }

  /** {@code command}, to be run in this network. */
  List<String> command(List<String> command);

  /**
   * Whether {@code url} answers with 200, its TLS identity unchecked: only liveness is asked,
   * before the proxy's own certificate is installed.
   */
  boolean answersOk(URI url) throws InterruptedException;

  /** The JVM's own network. */
  record Host() implements ProcessNetwork {
    private static final HttpClient HTTP = HttpClient.newBuilder()
        .sslContext(TlsContexts.insecure())
        .connectTimeout(Duration.ofSeconds(2))
        .build();

    @Override
    public List<String> command(List<String> command) {
      return command;
    }

    @Override
    public boolean answersOk(URI url) throws InterruptedException {
      HttpRequest probe = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build();
      try {
        return HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException e) {
        return false; // not listening yet
      }
    }
  }

  /**
   * A named network namespace. The probe is {@code curl} run inside it, since this JVM may have
   * no route in.
   */
  record Namespace(String name) implements ProcessNetwork {
    public Namespace {
      if (!name.matches("[A-Za-z0-9_][A-Za-z0-9._-]*")) {
        throw new IllegalArgumentException("a network namespace name is letters, digits, '.', '_' and '-',"
            + " not starting with '-' or '.': " + name);
      }
    }

    @Override
    public List<String> command(List<String> command) {
      List<String> inside = new ArrayList<>(List.of("ip", "netns", "exec", name));
      inside.addAll(command);
      return inside;
    }

    @Override
    public boolean answersOk(URI url) throws InterruptedException {
      List<String> curl = command(List.of("curl", "-sk", "-o", "/dev/null", "-w", "%{http_code}",
          "--connect-timeout", "2", "--max-time", "5", url.toString()));
      try {
        Process process = new ProcessBuilder(curl).redirectErrorStream(true).start();
        String status = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return process.waitFor(10, TimeUnit.SECONDS) && "200".equals(status.strip());
      } catch (IOException e) {
        throw new IllegalStateException("cannot run curl in namespace " + name + ": " + e.getMessage(), e);
      }
    }
  }
}
