package dev.outpost.tunnel.ws;

import dev.outpost.tunnel.FrameTransport;
import dev.outpost.tunnel.frame.FrameCodec;
import dev.outpost.tunnel.frame.Utf8;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link FrameTransport} over the JDK's {@link WebSocket} client: one frame per binary message.
 *
 * <p>The JDK allows one outstanding send, so sends are serialized and each waits for the previous
 * to complete; a frame leaves in fragments of {@link #FRAGMENT_SIZE}. Inbound messages are requested one at a time, and only once a sink is started: the
 * next is requested after the sink has taken the previous, which is the backpressure toward the
 * server. Messages arriving in parts are joined up to a size cap, into one buffer of the size
 * their tunnel frame header announces. Closing sends a WebSocket close
 * and waits briefly for the peer's before dropping the connection, so that a GOAWAY just sent is
 * not lost to a TCP reset.
 */
public final class WebSocketTransport implements FrameTransport {
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

  /**
   * The largest WebSocket frame sent: one TLS record's worth. A fragment arrives at the proxy in
   * one or two network reads, which suited Tyrus (it gathered each frame whole, copying everything
   * received so far per read) and costs the proxy's own reader nothing: it unmasks as bytes come
   * and gathers a message into one buffer of the size its tunnel frame header announces.
   */
  static final int FRAGMENT_SIZE = 16 * 1024;

  private final MessageAssembler assembler;
  private final Object sendLock = new Object();
  private final CompletableFuture<Void> inputClosed = new CompletableFuture<>();
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile WebSocket socket;
  private FrameSink sink; // guarded by this
  private String closedBeforeStart; // guarded by this
  private boolean sinkTold; // guarded by this

  WebSocketTransport(int maxMessage) {
    this.assembler = new MessageAssembler(maxMessage, FrameCodec::messageLength);
  }

  /**
   * Opens a WebSocket to {@code uri} with {@code client} (which carries the TLS settings), sending
   * {@code headers} with the upgrade request; never an {@code Origin}. Completes once open.
   *
   * @param maxMessage the largest binary message accepted: frame header plus maximum payload
   */
  public static CompletableFuture<WebSocketTransport> connect(
      HttpClient client, URI uri, Map<String, String> headers, int maxMessage, Duration timeout) {
    WebSocketTransport transport = new WebSocketTransport(maxMessage);
    WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(timeout);
    headers.forEach(builder::header);
    return builder.buildAsync(uri, transport.listener()).thenApply(transport::attach);
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
      socket.request(1);
    }
  }

  /**
   * Sends the frame as one binary message in fragments of at most {@link #FRAGMENT_SIZE}, each
   * waiting for the previous.
   */
  @Override
  public void send(ByteBuffer frame) throws IOException {
    synchronized (sendLock) {
      try {
        ByteBuffer rest = frame.duplicate();
        while (rest.remaining() > FRAGMENT_SIZE) {
          ByteBuffer fragment = rest.slice(rest.position(), FRAGMENT_SIZE);
          rest.position(rest.position() + FRAGMENT_SIZE);
          socket.sendBinary(fragment, false).get();
        }
        socket.sendBinary(rest, true).get();
      } catch (ExecutionException e) {
        throw new IOException("WebSocket send failed: " + e.getCause().getMessage(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while sending on the WebSocket");
      }
    }
  }

  @Override
  public void close(String reason) {
    closeWith(WebSocket.NORMAL_CLOSURE, reason);
  }

  /** The listener to give the JDK; exposed to the package for tests that drive it directly. */
  WebSocket.Listener listener() {
    return new Listener();
  }

  WebSocketTransport attach(WebSocket webSocket) {
    socket = webSocket;
    return this;
  }

  private void closeWith(int code, String reason) {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    WebSocket webSocket = socket;
    webSocket
        .sendClose(code, Utf8.truncate(reason, WebSocketFrames.MAX_CLOSE_REASON))
        .thenCompose(sent -> inputClosed)
        .orTimeout(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((done, failure) -> webSocket.abort());
    tellSink(reason);
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

  /** Receives from the JDK; its calls never overlap. */
  private final class Listener implements WebSocket.Listener {
    @Override
    public void onOpen(WebSocket webSocket) {
      attach(webSocket); // no request yet: messages flow once a sink is started
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      ByteBuffer message;
      try {
        message = assembler.add(data, last);
      } catch (IOException e) {
        closeWith(CloseCodes.MESSAGE_TOO_BIG, e.getMessage());
        return null;
      }
      if (message != null) {
        sink().onFrame(message);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      closeWith(CloseCodes.UNSUPPORTED_DATA, "text messages are not part of the tunnel protocol");
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      inputClosed.complete(null);
      tellSink(
          "WebSocket closed by peer ("
              + statusCode
              + (reason.isEmpty() ? "" : ": " + reason)
              + ")");
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      inputClosed.complete(null);
      tellSink("WebSocket failed: " + error);
    }
  }
}
