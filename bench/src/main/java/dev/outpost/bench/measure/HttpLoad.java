package dev.outpost.bench.measure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * HTTP requests against one path (direct or through the app proxy): latency of sequential small
 * requests, requests per second with several clients at once, and download throughput.
 *
 * @param client the client (trust and client certificate of the path)
 * @param base where requests go, e.g. {@code http://127.0.0.1:PORT}
 * @param host the {@code Host} header to send, or null for the URL's own
 */
public record HttpLoad(HttpClient client, URI base, String host) {

  /** Milliseconds per request, one after the other. */
  public Samples latency(String path, int requests) {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      long start = System.nanoTime();
      get(path);
      millis.add((System.nanoTime() - start) / 1e6);
    }
    return Samples.of(millis);
  }

  /** Requests per second with {@code clients} sending {@code each} requests concurrently. */
  public double requestsPerSecond(String path, int clients, int each) {
    ExecutorService threads = Executors.newFixedThreadPool(clients);
    try {
      long start = System.nanoTime();
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        running.add(threads.submit(() -> {
          for (int i = 0; i < each; i++) {
            get(path);
          }
        }));
      }
      for (Future<?> one : running) {
        one.get();
      }
      return clients * each / ((System.nanoTime() - start) / 1e9);
    } catch (Exception e) {
      throw new IllegalStateException("load failed: " + e.getMessage(), e);
    } finally {
      threads.shutdownNow();
    }
  }

  /** MB/s (10^6 bytes) of one download of {@code path}, read and discarded. */
  public double downloadMegabytesPerSecond(String path) {
    long start = System.nanoTime();
    try (InputStream body = send(path, HttpResponse.BodyHandlers.ofInputStream())) {
      long bytes = body.transferTo(java.io.OutputStream.nullOutputStream());
      return bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void get(String path) {
    send(path, HttpResponse.BodyHandlers.discarding());
  }

  private <T> T send(String path, HttpResponse.BodyHandler<T> handler) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofMinutes(2));
    if (host != null) {
      request.header("Host", host);
    }
    try {
      HttpResponse<Object> response = client.send(request.build(), info -> info.statusCode() == 200
          ? HttpResponse.BodySubscribers.mapping(handler.apply(info), body -> (Object) body)
          : HttpResponse.BodySubscribers.mapping(
              HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8), body -> (Object) body));
      if (response.statusCode() != 200) {
        // the body names the cause (e.g. the proxy's "app … did not answer: …")
        throw new IllegalStateException(base.resolve(path) + " answered " + response.statusCode()
            + ": " + String.valueOf(response.body()).strip());
      }
      @SuppressWarnings("unchecked")
      T body = (T) response.body();
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
