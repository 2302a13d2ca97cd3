package dev.outpost.tunnel.ws;

import static dev.outpost.tunnel.ws.WebSocketFrames.BINARY;
import static dev.outpost.tunnel.ws.WebSocketFrames.CLOSE;
import static dev.outpost.tunnel.ws.WebSocketFrames.PONG;

import dev.outpost.tunnel.FrameTransport;
import dev.outpost.tunnel.NamedDaemonThreads;
import dev.outpost.tunnel.frame.FrameCodec;
import dev.outpost.tunnel.frame.Utf8;
import dev.outpost.tunnel.http.HttpHead;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;

/**
 * A {@link FrameTransport} over a WebSocket of its own on a blocking socket (RFC 6455, client side):
 * one frame per binary message.
 *
 * <p>Sends are serialised and write each frame as one masked WebSocket frame ({@link
 * MaskedFrameWriter}). One reader thread per connection, started with the sink, reads the server's
 * frames with the proxy's own rules ({@link ServerFrameReader#ofServerFrames}), gathers a message
 * in parts into one buffer of the size its tunnel frame header announces, answers pings and hands
 * each message to the sink on that thread: while the sink works, nothing more is read, which is the
 * backpressure toward the server. Whatever the server breaks closes the connection with the
 * reason. Closing sends a WebSocket close and waits briefly for the peer's before dropping the
 * connection, so that a GOAWAY just sent is not lost to a TCP reset.
 */
public final class WebSocketTransport implements FrameTransport {
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
  /** The upgrade answer is read through this; frames then bypass it (reads of a chunk or more). */
  private static final int HEAD_BUFFER = 1024;
  /** One read's worth: a TLS record carries at most 16 KiB. */
  private static final int READ_CHUNK = 32 * 1024;
  private static final int KEY_BYTES = 16;
  private static final SecureRandom SEEDS = new SecureRandom();
  private static final ThreadFactory READERS = new NamedDaemonThreads("outpost-ws-reader");
  private static final ThreadFactory CLOSERS = new NamedDaemonThreads("outpost-ws-close");

  private final ClientSocket socket;
  private final InputStream in;
  private final MaskedFrameWriter writer;
  private final ServerFrameReader reader;
  private final Object sendLock = new Object();
  private final CompletableFuture<Void> inputClosed = new CompletableFuture<>();
  private final AtomicBoolean closing = new AtomicBoolean();
  private boolean outputClosed; // guarded by sendLock
  private volatile String peerClosed;
  private FrameSink sink; // guarded by this
  private String closedBeforeStart; // guarded by this
  private boolean sinkTold; // guarded by this

  private WebSocketTransport(ClientSocket socket, InputStream in, OutputStream out, int maxMessage,
      long keySeed) {
    this.socket = socket;
    this.in = in;
    this.writer = new MaskedFrameWriter(out, new SplittableRandom(keySeed));
    this.reader = ServerFrameReader.ofServerFrames(maxMessage, FrameCodec::messageLength,
        new Inbound());
  }

  /**
   * Opens a WebSocket to {@code uri}, sending {@code headers} with the upgrade request; never an
   * {@code Origin}. Returns once the server switched protocols.
   *
   * @param ssl trust (and any client certificate) for {@code wss}; null for the JVM default
   * @param maxMessage the largest binary message accepted: frame header plus maximum payload
   * @param timeout bounds the connection, the TLS handshake and the wait for the upgrade answer
   * @throws UpgradeRefusedException if the server answered with another status than 101
   * @throws IOException if the connection failed or the server broke the opening handshake
   */
  public static WebSocketTransport connect(URI uri, SSLContext ssl, Map<String, String> headers,
      int maxMessage, Duration timeout) throws IOException {
    byte[] nonce = new byte[KEY_BYTES];
    long keySeed;
    synchronized (SEEDS) {
      SEEDS.nextBytes(nonce);
      keySeed = SEEDS.nextLong();
    }
    ClientUpgrade upgrade = new ClientUpgrade(uri, nonce, headers);
    ClientSocket socket = ClientSocket.open(uri, ssl, timeout);
    try {
      OutputStream out = socket.stream().getOutputStream();
      upgrade.request().write(out);
      out.flush();
      InputStream in = new BufferedInputStream(socket.stream().getInputStream(), HEAD_BUFFER);
      upgrade.check(HttpHead.read(in));
      socket.untimed();
      return new WebSocketTransport(socket, in, out, maxMessage, keySeed);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  @Override
  public void start(FrameSink sink) {
    String closedReason;
    synchronized (this) {
      if (this.sink != null) {
        throw new IllegalStateException("WebSocket transport already started");
      }
      this.sink = sink;
      closedReason = closedBeforeStart;
    }
    if (closedReason != null) {
      tellSink(closedReason);
    } else {
      READERS.newThread(this::read).start();
    }
  }

  /** The frame reader gathers every message into a fresh buffer of its own. */
  @Override
  public boolean handsOverFrames() {
    return true;
  }

  /** Sends the frame as one binary WebSocket frame; its buffer is left as it is. */
  @Override
  public void send(ByteBuffer frame) throws IOException {
    synchronized (sendLock) {
      if (outputClosed) {
        throw new IOException("WebSocket send failed: the WebSocket is closing");
      }
      try {
        writer.write(BINARY, frame);
      } catch (IOException e) {
        throw new IOException("WebSocket send failed: " + e.getMessage(), e);
      }
    }
  }

  /** Sends a close, waits up to {@link #CLOSE_GRACE} for the peer's off the caller's thread, drops. */
  @Override
  public void close(String reason) {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    inputClosed.orTimeout(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((done, failure) -> socket.close());
    // a writer stuck on a peer that stopped reading holds the send lock until the grace runs out
    CLOSERS.newThread(() -> sendClose(CloseCodes.NORMAL, reason)).start();
    tellSink(reason);
  }

  private void read() {
    byte[] chunk = new byte[READ_CHUNK];
    ByteBuffer input = ByteBuffer.wrap(chunk);
    String reason;
    try {
      for (int n; !reader.isDone() && (n = in.read(chunk)) >= 0; ) {
        reader.read(input.clear().limit(n));
      }
      reason = peerClosed != null ? peerClosed : "WebSocket ended without a close frame";
    } catch (WebSocketProtocolException e) {
      if (closing.compareAndSet(false, true)) {
        sendClose(e.closeCode(), e.getMessage());
      }
      reason = "WebSocket protocol error: " + e.getMessage();
    } catch (IOException e) {
      reason = "WebSocket failed: " + e;
    }
    inputClosed.complete(null);
    socket.close();
    tellSink(reason);
  }

  /** Writes a close frame unless one went out already; failures just end the connection. */
  private void sendClose(int code, String reason) {
    byte[] text = Utf8.truncate(reason, WebSocketFrames.MAX_CLOSE_REASON)
        .getBytes(StandardCharsets.UTF_8);
    ByteBuffer payload = code == CloseCodes.NO_STATUS
        ? ByteBuffer.allocate(0)
        : ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).flip();
    synchronized (sendLock) {
      if (outputClosed) {
        return;
      }
      outputClosed = true;
      try {
        writer.write(CLOSE, payload);
      } catch (IOException e) {
        socket.close();
      }
    }
  }

  /** Tells the sink, once, that the transport is gone; remembers it if no sink is started yet. */
  private void tellSink(String reason) {
    FrameSink target;
    synchronized (this) {
      if (sink == null) {
        closedBeforeStart = closedBeforeStart == null ? reason : closedBeforeStart;
        return;
      }
      if (sinkTold) {
        return;
      }
      sinkTold = true;
      target = sink;
    }
    target.onClosed(reason);
  }

  private synchronized FrameSink sink() {
    return sink;
  }

  /** What the reader thread finds in the server's frames. */
  private final class Inbound implements ServerFrameReader.Handler {
    @Override
    public void onMessage(ByteBuffer message) {
      sink().onFrame(message);
    }

    @Override
    public void onPing(ByteBuffer payload) {
      synchronized (sendLock) {
        if (!outputClosed) {
          try {
            writer.write(PONG, payload);
          } catch (IOException e) {
            socket.close(); // the reader fails next and says why
          }
        }
      }
    }

    @Override
    public void onClose(int code, String reason) {
      peerClosed = "WebSocket closed by peer (" + code + (reason.isEmpty() ? "" : ": " + reason) + ")";
      if (closing.compareAndSet(false, true)) {
        sendClose(code, "");
      }
    }
  }
}
