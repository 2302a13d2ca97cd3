package dev.outpost.it.kube;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.outpost.it.WebSocketFrames;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** SPDY's bytes in WebSocket messages, as kubectl's port-forward tunnels them. */
class WebSocketTunnelTest {
  private static final int BINARY = 2;
  private static final int CONTINUATION = 0;
  private static final int PING = 9;
  private static final int PONG = 10;

  @Test
  void theBytesOfMessagesAndContinuationsReadAsOneStream() throws IOException {
    ByteArrayOutputStream client = new ByteArrayOutputStream();
    WebSocketFrames.write(client, BINARY, new byte[] {0, 0, 0}, true);
    WebSocketFrames.write(client, PING, new byte[] {7}, true);
    WebSocketFrames.write(client, CONTINUATION, new byte[] {1, 0, 0, 0, 2}, true);
    ByteArrayOutputStream server = new ByteArrayOutputStream();
    DataInputStream in = new DataInputStream(new WebSocketTunnel(
        new ByteArrayInputStream(client.toByteArray()), server).input());
    assertEquals(1, in.readInt(), "an int across two frames");
    assertEquals(2, in.readInt());
    assertEquals(-1, in.read(), "the end of the connection ends the stream");
    WebSocketFrames.Frame pong = WebSocketFrames.read(new ByteArrayInputStream(server.toByteArray()));
    assertEquals(PONG, pong.opcode());
    assertArrayEquals(new byte[] {7}, pong.payload());
  }

  /** Regression: readNBytes asks for zero bytes once it has all; that must not wait for a message. */
  @Test
  void aReadOfNothingReturnsAtOnce() throws IOException {
    PipedInputStream fromClient = new PipedInputStream();
    OutputStream client = new PipedOutputStream(fromClient);
    WebSocketFrames.write(client, BINARY, new byte[] {1, 2, 3, 4}, true);
    InputStream in = new WebSocketTunnel(fromClient, new ByteArrayOutputStream()).input();
    assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> assertArrayEquals(new byte[] {1, 2, 3, 4}, in.readNBytes(4)),
        "the whole message, without waiting for the next (none comes)");
  }

  @Test
  void eachFlushIsOneUnmaskedBinaryMessage() throws IOException {
    ByteArrayOutputStream server = new ByteArrayOutputStream();
    OutputStream out = new WebSocketTunnel(new ByteArrayInputStream(new byte[0]), server).output();
    out.write(new byte[] {1, 2});
    out.write(3);
    out.flush();
    byte[] wire = server.toByteArray();
    assertArrayEquals(new byte[] {(byte) 0x82, 3, 1, 2, 3}, wire);
  }
}
