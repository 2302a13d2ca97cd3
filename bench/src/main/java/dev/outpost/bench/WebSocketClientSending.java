package dev.outpost.bench;

import dev.outpost.tunnel.http.HttpHead;
import dev.outpost.tunnel.ws.ServerFrameReader;
import dev.outpost.tunnel.ws.WebSocketHandshake;
import dev.outpost.tunnel.ws.WebSocketTransport;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What sending costs the client side of a tunnel's WebSocket, without a proxy: 1 GiB in 256 KiB
 * binary messages over TLS on loopback (a certificate for {@code localhost} that the JDK's keytool
 * makes in a temporary directory) to a server that reads them with the proxy's own
 * {@link ServerFrameReader}, sent by the JDK's {@code java.net.http} client (in 16 KiB fragments as
 * the tunnels once did, or whole) or by the tunnel module's {@link WebSocketTransport}. Reports the
 * client's CPU seconds (the process's minus the server thread's), the bytes its threads allocated
 * and the collections, per GiB. Run it with the agent's heap flags (docs/performance.md).
 */
public final class WebSocketClientSending {
  private static final int MESSAGE = 256 * 1024;
  private static final long TOTAL = 1L << 30;

  private WebSocketClientSending() {}

  private static SSLContext serverTls;
  private static SSLContext clientTls;

  public static void main(String[] args) throws Exception {
    makeTls();
    for (String client : args.length > 0 ? args : new String[] {"jdk-fragments", "jdk-whole", "own"}) {
      run(client, TOTAL / 4); // warm-up
      run(client, TOTAL);
    }
  }

  private static void run(String client, long total) throws Exception {
    try (ServerSocket listener = serverTls.getServerSocketFactory()
        .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      AtomicLong received = new AtomicLong();
      Thread server = new Thread(() -> serve(listener, received), "bench-ws-server");
      server.start();
      URI uri = URI.create("wss://localhost:" + listener.getLocalPort() + "/t");
      byte[] bytes = new byte[MESSAGE];
      Arrays.fill(bytes, (byte) 'x');
      ByteBuffer message = ByteBuffer.wrap(bytes);
      var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long collections = collections();
      long allocated = allocatedExcept(threads, server.getId());
      long cpu = os.getProcessCpuTime();
      long start = System.nanoTime();
      switch (client) {
        case "own" -> sendOwn(uri, message, total);
        case "jdk-fragments" -> sendJdk(uri, message, total, 16 * 1024);
        case "jdk-whole" -> sendJdk(uri, message, total, MESSAGE);
        default -> throw new IllegalArgumentException(client);
      }
      server.join();
      double seconds = (System.nanoTime() - start) / 1e9;
      double clientCpu = (os.getProcessCpuTime() - cpu - threads.getThreadCpuTime(server.getId())) / 1e9;
      double gib = total / (double) TOTAL;
      if (total == TOTAL) {
        System.out.printf("%-14s %6.2f s wall  %5.2f client CPU s/GiB  %6.2f GB allocated/GiB  %5d GCs/GiB  (%d bytes)%n",
            client, seconds, clientCpu / gib, (allocatedExcept(threads, server.getId()) - allocated) / 1e9 / gib,
            (long) ((collections() - collections) / gib), received.get());
      }
    }
  }

  private static void sendOwn(URI uri, ByteBuffer message, long total) throws IOException {
    WebSocketTransport transport = WebSocketTransport.connect(uri, clientTls, Map.of(), MESSAGE + 64,
        Duration.ofSeconds(10));
    for (long sent = 0; sent < total; sent += MESSAGE) {
      transport.send(message);
    }
    transport.close("done");
  }

  private static void sendJdk(URI uri, ByteBuffer message, long total, int fragment) {
    WebSocket socket = HttpClient.newBuilder().sslContext(clientTls).build().newWebSocketBuilder()
        .buildAsync(uri, new WebSocket.Listener() {}).join();
    for (long sent = 0; sent < total; sent += MESSAGE) {
      ByteBuffer rest = message.duplicate();
      while (rest.remaining() > fragment) {
        socket.sendBinary(rest.slice(rest.position(), fragment), false).join();
        rest.position(rest.position() + fragment);
      }
      socket.sendBinary(rest, true).join();
    }
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
  }

  /** Answers the upgrade, then reads and discards messages until the client's close. */
  private static void serve(ServerSocket listener, AtomicLong received) {
    try (Socket socket = listener.accept()) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      HttpHead request = HttpHead.read(in);
      OutputStream out = socket.getOutputStream();
      out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Accept: " + WebSocketHandshake.accept(request.header("Sec-WebSocket-Key").orElseThrow())
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      ServerFrameReader reader = new ServerFrameReader(MESSAGE + 64, start -> MESSAGE,
          new ServerFrameReader.Handler() {
            @Override
            public void onMessage(ByteBuffer message) {
              received.addAndGet(message.remaining());
            }

            @Override
            public void onPing(ByteBuffer payload) {}

            @Override
            public void onClose(int code, String reason) {}
          });
      byte[] chunk = new byte[64 * 1024];
      for (int n; !reader.isDone() && (n = in.read(chunk)) >= 0; ) {
        reader.read(ByteBuffer.wrap(chunk, 0, n));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void makeTls() throws Exception {
    Path store = Files.createTempDirectory("ws-bench").resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool")
        .toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2",
        "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit")
        .inheritIO().start();
    if (keytool.waitFor() != 0) {
      throw new IllegalStateException("keytool failed");
    }
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("PKIX");
    keyManagers.init(keys, "changeit".toCharArray());
    serverTls = SSLContext.getInstance("TLS");
    serverTls.init(keyManagers.getKeyManagers(), null, null);
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    anchors.load(null, null);
    anchors.setCertificateEntry("server", keys.getCertificate("server"));
    TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
    trust.init(anchors);
    clientTls = SSLContext.getInstance("TLS");
    clientTls.init(null, trust.getTrustManagers(), null);
  }

  private static long collections() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(gc -> Math.max(0, gc.getCollectionCount())).sum();
  }

  private static long allocatedExcept(com.sun.management.ThreadMXBean threads, long serverThread) {
    long[] ids = Arrays.stream(threads.getAllThreadIds()).filter(id -> id != serverThread).toArray();
    return Arrays.stream(threads.getThreadAllocatedBytes(ids)).filter(b -> b > 0).sum();
  }
}
