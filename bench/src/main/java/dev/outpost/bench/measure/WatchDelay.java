package dev.outpost.bench.measure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a watch event takes from the API server's write to the watcher's read, in
 * milliseconds: the events name their pods {@code w-NANOTIME} after the moment they were written
 * by a server in this JVM.
 */
public final class WatchDelay {
  private static final Pattern SENT = Pattern.compile("\"name\":\"w-(\\d+)\"");

  private WatchDelay() {}

  public static Samples measure(HttpClient client, URI watch, int events) {
    HttpRequest request = HttpRequest.newBuilder(watch).build();
    List<Double> millis = new ArrayList<>();
    try {
      HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(watch + " answered " + response.statusCode());
      }
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        while (millis.size() < events) {
          String line = lines.readLine();
          if (line == null) {
            throw new IllegalStateException("the watch " + watch + " ended early");
          }
          long read = System.nanoTime();
          Matcher sent = SENT.matcher(line);
          if (sent.find()) {
            millis.add((read - Long.parseLong(sent.group(1))) / 1e6);
          }
        }
      }
      return Samples.of(millis);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
