package dev.outpost.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay that holds every chunk it receives, either way, for a fixed delay before passing it
 * on: a slow link's latency where the kernel has no netem to delay packets. Run inside an edge
 * namespace ({@link EdgeHost#delayTraffic}) as its own process:
 *
 * <pre>DelayRelay PORT ADDRESS TARGET_HOST TARGET_PORT DELAY_MILLIS</pre>
 *
 * <p>It listens on {@code ADDRESS:PORT}, and dials the target from {@code ADDRESS} too, so that
 * the rule that redirects the edge's connections to it can leave its own alone. Order within each direction
 * is kept; the delay is added once per direction, so every round trip gains twice of it.
 */
public final class DelayRelay {
  private static final int CHUNK = 64 * 1024;
  private static final byte[] END = new byte[0];

  private DelayRelay() {}

  public static void main(String[] args) throws IOException {
    int listenPort = Integer.parseInt(args[0]);
    InetAddress source = InetAddress.getByName(args[1]);
    InetSocketAddress target = new InetSocketAddress(args[2], Integer.parseInt(args[3]));
    long delayNanos = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[4]));
    try (ServerSocket listener = new ServerSocket(listenPort, 50, source)) {
      System.out.println("relaying " + args[1] + ":" + listenPort + " to " + target + " with "
          + args[4] + " ms each way");
      while (true) {
        Socket client = listener.accept();
        Socket upstream = new Socket();
        try {
          upstream.bind(new InetSocketAddress(source, 0));
          upstream.connect(target, 10_000);
        } catch (IOException e) {
          System.out.println("cannot reach " + target + ": " + e.getMessage());
          client.close();
          upstream.close();
          continue;
        }
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        System.out.println("connection from " + client.getRemoteSocketAddress());
        relay(client, upstream, delayNanos);
        relay(upstream, client, delayNanos);
      }
    }
  }

  /** Copies {@code from}'s input to {@code to}'s output, each chunk {@code delayNanos} late. */
  private static void relay(Socket from, Socket to, long delayNanos) {
    BlockingQueue<Chunk> due = new LinkedBlockingQueue<>();
    start(() -> {
      try (InputStream in = from.getInputStream()) {
        byte[] buffer = new byte[CHUNK];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          due.add(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, n)));
        }
      } catch (IOException e) {
        // the connection failed; what was read still goes on, then the end
      }
      due.add(new Chunk(System.nanoTime() + delayNanos, END));
    });
    start(() -> {
      try {
        OutputStream out = to.getOutputStream();
        while (true) {
          Chunk chunk = due.take();
          long wait = chunk.due() - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
          if (chunk.bytes() == END) {
            to.shutdownOutput();
            return;
          }
          out.write(chunk.bytes());
        }
      } catch (IOException | InterruptedException e) {
        closeQuietly(from);
        closeQuietly(to);
      }
    });
  }

  private static void start(Runnable task) {
    Thread thread = new Thread(task);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing a relay whose peer is gone
    }
  }

  private record Chunk(long due, byte[] bytes) {}
}
