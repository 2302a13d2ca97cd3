package dev.outpost.tunnel.ws;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.outpost.tunnel.FrameTransport;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A minimal RFC 6455 server over plain TCP for one connection: enough to test the client
 * transport for real. It answers the upgrade with {@code status} (101 accepts), and sends every
 * frame as two fragments so that the client must join them.
 */
final class TestWebSocketServer implements AutoCloseable {
  private final ServerSocket server;
  private final int status;
  private final String refusalHeaders;
  final CompletableFuture<Map<String, String>> requestHeaders = new CompletableFuture<>();
  final CompletableFuture<FrameTransport> accepted = new CompletableFuture<>();

  TestWebSocketServer(int status) throws IOException {
    this(status, "");
  }

  /** @param refusalHeaders header lines (each ending CRLF) added to a refusal, e.g. Retry-After */
  TestWebSocketServer(int status, String refusalHeaders) throws IOException {
    this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    this.status = status;
    this.refusalHeaders = refusalHeaders;
    Thread thread = new Thread(this::acceptOne, "test-ws-server");
    thread.setDaemon(true);
    thread.start();
  }

  URI uri(String path) {
    return URI.create("ws://127.0.0.1:" + server.getLocalPort() + path);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  private void acceptOne() {
    try {
      Socket socket = server.accept();
      socket.setTcpNoDelay(true); // one frame is several small writes: do not let Nagle hold them
      InputStream in = new BufferedInputStream(socket.getInputStream());
      Map<String, String> headers = readRequestHeaders(in);
      requestHeaders.complete(headers);
      OutputStream out = new BufferedOutputStream(socket.getOutputStream());
      if (status != 101) {
        out.write(
            ("HTTP/1.1 " + status + " Refused\r\n" + refusalHeaders
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(US_ASCII));
        out.flush();
        socket.close();
        return;
      }
      out.write(
          ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Accept: "
                  + WebSocketHandshake.accept(headers.get("sec-websocket-key"))
                  + "\r\n\r\n")
              .getBytes(US_ASCII));
      out.flush();
      accepted.complete(new ServerTransport(socket, new DataInputStream(in), out));
    } catch (IOException e) {
      accepted.completeExceptionally(e);
    }
  }

  private static Map<String, String> readRequestHeaders(InputStream in) throws IOException {
    Map<String, String> headers = new HashMap<>();
    readLine(in); // request line
    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    return headers;
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed in the request head");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(US_ASCII);
  }

  /** The server's end of the WebSocket as a frame transport. */
  private static final class ServerTransport implements FrameTransport {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    ServerTransport(Socket socket, DataInputStream in, OutputStream out) {
      this.socket = socket;
      this.in = in;
      this.out = out;
    }

    @Override
    public void start(FrameSink sink) {
      Thread reader = new Thread(() -> read(sink), "test-ws-server-reader");
      reader.setDaemon(true);
      reader.start();
    }

    @Override
    public synchronized void send(ByteBuffer frame) throws IOException {
      byte[] bytes = new byte[frame.remaining()];
      frame.duplicate().get(bytes);
      int half = bytes.length / 2;
      writeFrame(false, 0x2, bytes, 0, half);
      writeFrame(true, 0x0, bytes, half, bytes.length - half);
    }

    @Override
    public synchronized void close(String reason) {
      try {
        out.write(WebSocketFrames.close(CloseCodes.NORMAL, reason));
        out.flush();
      } catch (IOException e) {
        closeSocket();
      }
    }

    /** Reads with the proxy's own frame reader, which the client's frames must satisfy. */
    private void read(FrameSink sink) {
      ServerFrameReader reader = new ServerFrameReader(1 << 20, start -> 0, new ServerFrameReader.Handler() {
        @Override
        public void onMessage(ByteBuffer message) {
          sink.onFrame(message);
        }

        @Override
        public void onPing(ByteBuffer payload) {
          // the client never pings
        }

        @Override
        public void onClose(int code, String reason) {
          close("bye");
          sink.onClosed("client closed the WebSocket");
          closeSocket();
        }
      });
      byte[] chunk = new byte[8192];
      try {
        for (int n = in.read(chunk); n >= 0 && !reader.isDone(); n = in.read(chunk)) {
          reader.read(ByteBuffer.wrap(chunk, 0, n));
        }
      } catch (IOException e) {
        sink.onClosed("test server read failed: " + e);
      }
    }

    private void writeFrame(boolean fin, int opcode, byte[] bytes, int offset, int length)
        throws IOException {
      out.write((fin ? 0x80 : 0) | opcode);
      if (length < 126) {
        out.write(length);
      } else if (length < 65_536) {
        out.write(126);
        out.write(ByteBuffer.allocate(2).putShort((short) length).array());
      } else {
        out.write(127);
        out.write(ByteBuffer.allocate(8).putLong(length).array());
      }
      out.write(bytes, offset, length);
      out.flush();
    }

    private void closeSocket() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // already gone
      }
    }
  }
}
