package dev.outpost.tunnel.ws;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.outpost.tunnel.http.HttpHead;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;

/**
 * The server end of one WebSocket, scripted byte by byte by a test: it answers the upgrade as told,
 * then the test writes whatever frames it likes and reads the client's raw, checking every mask.
 */
final class ScriptedServer implements AutoCloseable {
  private final ServerSocket server;
  private final String scheme;

  private ScriptedServer(ServerSocket server, String scheme) {
    this.server = server;
    this.scheme = scheme;
  }

  static ScriptedServer plain() throws IOException {
    return new ScriptedServer(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()), "ws");
  }

  static ScriptedServer tls(SSLContext context) throws IOException {
    return new ScriptedServer(context.getServerSocketFactory()
        .createServerSocket(0, 1, InetAddress.getLoopbackAddress()), "wss");
  }

  URI uri(String host, String path) {
    return URI.create(scheme + "://" + host + ":" + server.getLocalPort() + path);
  }

  URI uri(String path) {
    return uri("127.0.0.1", path);
  }

  /** Accepts one connection and switches protocols, answering its key correctly. */
  CompletableFuture<Peer> acceptUpgrade() {
    return accept(request -> "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Accept: "
        + WebSocketHandshake.accept(request.header("Sec-WebSocket-Key").orElseThrow()) + "\r\n\r\n");
  }

  /** Accepts one connection and answers its request head with {@code answer}. */
  CompletableFuture<Peer> accept(java.util.function.Function<HttpHead, String> answer) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        HttpHead request = HttpHead.read(in);
        OutputStream out = socket.getOutputStream();
        out.write(answer.apply(request).getBytes(US_ASCII));
        out.flush();
        return new Peer(socket, in, out, request);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  /** A frame as the client sent it, its payload unmasked. */
  record RawFrame(int first, boolean masked, byte[] payload) {
    int opcode() {
      return first & 0x0F;
    }

    boolean fin() {
      return (first & 0x80) != 0;
    }
  }

  /** The accepted connection. */
  record Peer(Socket socket, DataInputStream in, OutputStream out, HttpHead request) {
    void write(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
    }

    /** Reads one frame of the client's; an unmasked one is returned as is, for the test to fail. */
    RawFrame readFrame() throws IOException {
      int first = in.readUnsignedByte();
      int second = in.readUnsignedByte();
      long length = second & 0x7F;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      boolean masked = (second & 0x80) != 0;
      byte[] key = new byte[4];
      if (masked) {
        in.readFully(key);
      }
      byte[] payload = new byte[Math.toIntExact(length)];
      in.readFully(payload);
      for (int i = 0; i < payload.length; i++) {
        payload[i] ^= key[i % 4];
      }
      return new RawFrame(first, masked, payload);
    }

    /** Whether the client closed the connection: the next read ends the stream. */
    boolean endsStream() throws IOException {
      try {
        return in.read() < 0;
      } catch (java.net.SocketException e) {
        return true; // reset: closed too
      }
    }
  }
}
