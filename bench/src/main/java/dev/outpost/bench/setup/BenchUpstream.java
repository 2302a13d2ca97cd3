package dev.outpost.bench.setup;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The web app the app-proxy benchmark reaches, on loopback: {@code /page} (a 1 KiB page) and
 * {@code /download} ({@value #DOWNLOAD_BYTES} bytes with a Content-Length). The JDK's own HTTP
 * server, so that the direct path costs as little as an app can.
 */
public final class BenchUpstream implements AutoCloseable {
  public static final long DOWNLOAD_BYTES = 100L << 20;
  private static final byte[] PAGE = ("<!DOCTYPE html><title>bench</title>" + "x".repeat(990))
      .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final HttpServer server;
  private final ExecutorService threads;

  private BenchUpstream(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  public static BenchUpstream start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      ExecutorService threads = Executors.newFixedThreadPool(8);
      server.setExecutor(threads);
      server.createContext("/page", exchange -> {
        exchange.getResponseHeaders().set("Content-Type", "text/html");
        exchange.sendResponseHeaders(200, PAGE.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(PAGE);
        }
      });
      server.createContext("/download", exchange -> {
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, DOWNLOAD_BYTES);
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = exchange.getResponseBody()) {
          for (long left = DOWNLOAD_BYTES; left > 0; left -= block.length) {
            out.write(block, 0, (int) Math.min(block.length, left));
          }
        }
      });
      server.start();
      return new BenchUpstream(server, threads);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:PORT}, for {@code --app} and the direct path. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    // the server leaves its executor running: a failed benchmark's JVM would never exit
    threads.shutdownNow();
  }
}
