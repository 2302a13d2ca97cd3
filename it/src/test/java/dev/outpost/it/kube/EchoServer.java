package dev.outpost.it.kube;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;

/**
 * The pod's port behind {@code kubectl port-forward}: a TCP server on loopback in the stand-in's
 * network namespace that sends every byte back on the connection it came on, and closes its side
 * once the client closed theirs.
 */
final class EchoServer {
  private final ServerSocket server;
  private final ExecutorService threads;

  private EchoServer(ServerSocket server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /** Listens on 127.0.0.1:{@code port} and serves each connection on {@code threads}. */
  static EchoServer start(int port, ExecutorService threads) throws IOException {
    EchoServer echo = new EchoServer(new ServerSocket(port, 50, InetAddress.getLoopbackAddress()),
        threads);
    threads.execute(echo::accept);
    return echo;
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    try {
      while (true) {
        Socket connection = server.accept();
        threads.execute(() -> echo(connection));
      }
    } catch (IOException e) {
      System.out.println("FAILED echo server: " + e);
    }
  }

  private static void echo(Socket connection) {
    try (connection) {
      InputStream in = connection.getInputStream();
      OutputStream out = connection.getOutputStream();
      byte[] buffer = new byte[16 * 1024];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException e) {
      System.out.println("FAILED echo: " + e);
    }
  }
}
