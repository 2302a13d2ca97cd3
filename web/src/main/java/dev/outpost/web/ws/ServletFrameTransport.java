package dev.outpost.web.ws;

import dev.outpost.tunnel.FrameTransport;
import dev.outpost.tunnel.TunnelSettings;
import dev.outpost.tunnel.frame.FrameCodec;
import dev.outpost.tunnel.ws.CloseCodes;
import dev.outpost.tunnel.ws.ServerFrameReader;
import dev.outpost.tunnel.ws.WebSocketFrames;
import dev.outpost.tunnel.ws.WebSocketProtocolException;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries tunnel frames as binary WebSocket messages over an upgraded servlet connection, with
 * the container's non-blocking I/O on both sides.
 *
 * <p>Reading: the container calls {@link #onDataAvailable} whenever bytes wait; they are read as
 * long as {@code isReady()} says so, into an array its thread reuses, and go through a {@link
 * ServerFrameReader}, which copies them out and hands each whole message to the tunnel on that
 * thread. Writing: one frame at a time, whole (header, payload, flush), each part only once
 * {@code isReady()} allows it; a sender waits for {@link #onWritePossible} meanwhile, which is the
 * back-pressure toward the tunnel's outbox.
 *
 * <p>Closing follows RFC 6455: a close frame, then the connection is dropped once the peer's close
 * arrives or after {@link #CLOSE_GRACE}; a close from the peer is answered, a protocol violation
 * closes with its code and reason. The tunnel hears of the end once, with the reason.
 */
final class ServletFrameTransport implements FrameTransport, ReadListener, WriteListener {
  private static final Logger LOG = Logger.getLogger(ServletFrameTransport.class.getName());
  /** Two TLS records' plaintext: what the container unwraps from one socket read. */
  private static final int READ_SIZE = 32 * 1024;
  /**
   * Each reading thread's array, taken out while in use: the frame reader copies what it reads, so
   * one array per container thread serves every connection, and an idle tunnel holds none. Only
   * JDK types stay in the container's threads, which outlive a redeployment.
   */
  private static final ThreadLocal<AtomicReference<byte[]>> READ_ARRAYS =
      ThreadLocal.withInitial(AtomicReference::new);
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
  /** A writer re-checks {@code isReady()} at least this often, should a callback go missing. */
  private static final long READY_POLL_MILLIS = 1000;

  private final WebConnection connection;
  private final ServletInputStream in;
  private final ServletOutputStream out;
  private final TunnelSettings settings;
  private final ServerFrameReader reader;
  private final ReentrantLock writing = new ReentrantLock();
  private final Condition writable = writing.newCondition();
  private final AtomicBoolean closeSent = new AtomicBoolean();
  private final AtomicBoolean dropped = new AtomicBoolean();
  private final AtomicBoolean sinkTold = new AtomicBoolean();
  private boolean broken; // guarded by writing
  private volatile FrameSink sink;

  ServletFrameTransport(WebConnection connection, int maxMessage, TunnelSettings settings) {
    this.connection = connection;
    this.settings = settings;
    try {
      this.in = connection.getInputStream();
      this.out = connection.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException("upgraded connection without streams", e);
    }
    this.reader = new ServerFrameReader(maxMessage, FrameCodec::messageLength, new Inbound());
    out.setWriteListener(this);
  }

  /** Starts reading: the container calls {@link #onDataAvailable} from now on. */
  @Override
  public void start(FrameSink sink) {
    this.sink = sink;
    in.setReadListener(this);
  }

  /** The frame reader gathers every message into a fresh buffer of its own. */
  @Override
  public boolean handsOverFrames() {
    return true;
  }

  @Override
  public void send(ByteBuffer frame) throws IOException {
    if (closeSent.get()) {
      throw new IOException("WebSocket is closing");
    }
    byte[] header = WebSocketFrames.header(WebSocketFrames.BINARY, frame.remaining());
    if (frame.hasArray()) {
      write(header, frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
    } else {
      byte[] bytes = new byte[frame.remaining()];
      frame.duplicate().get(bytes);
      write(header, bytes, 0, bytes.length);
    }
  }

  @Override
  public void close(String reason) {
    closeWith(CloseCodes.NORMAL, reason, false);
  }

  @Override
  public void onDataAvailable() {
    AtomicReference<byte[]> spare = READ_ARRAYS.get();
    byte[] taken = spare.getAndSet(null);
    byte[] chunk = taken != null ? taken : new byte[READ_SIZE];
    try {
      while (!dropped.get() && in.isReady()) {
        int n = in.read(chunk);
        if (n < 0) {
          lost("connection closed without a WebSocket close");
          return;
        }
        reader.read(ByteBuffer.wrap(chunk, 0, n));
      }
    } catch (WebSocketProtocolException e) {
      tellSink("WebSocket protocol error: " + e.getMessage());
      closeWith(e.closeCode(), e.getMessage(), true);
    } catch (IOException e) {
      lost("read failed: " + e.getMessage());
    } finally {
      spare.set(chunk);
    }
  }

  @Override
  public void onAllDataRead() {
    lost("connection closed without a WebSocket close");
  }

  @Override
  public void onWritePossible() {
    writing.lock();
    try {
      writable.signalAll();
    } finally {
      writing.unlock();
    }
  }

  /** Either side's listener: the connection failed. */
  @Override
  public void onError(Throwable failure) {
    lost("WebSocket failed: " + failure);
  }

  /** The container is done with the connection (it closed, or the application is undeployed). */
  void destroyed() {
    lost("connection closed by the server");
  }

  /**
   * Sends a close frame with {@code code} once, off the caller's thread (a sender may hold the
   * output). The connection is dropped right after it when {@code last} (the peer's close is
   * answered, or the peer broke the protocol), else when the peer's close arrives, at the latest
   * after the grace.
   */
  private void closeWith(int code, String reason, boolean last) {
    if (!closeSent.compareAndSet(false, true)) {
      return;
    }
    settings.scheduler().schedule(() -> drop(reason), CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    settings.executor().execute(() -> {
      try {
        write(WebSocketFrames.close(code, reason), null, 0, 0);
      } catch (IOException e) {
        drop(reason);
      }
      if (last) {
        drop(reason);
      }
    });
  }

  /** Writes one frame whole: {@code header}, then {@code length} bytes of {@code payload} (if any). */
  private void write(byte[] header, byte[] payload, int offset, int length) throws IOException {
    writing.lock();
    try {
      awaitWritable();
      out.write(header);
      if (length > 0) {
        awaitWritable();
        out.write(payload, offset, length);
      }
      awaitWritable();
      out.flush();
    } catch (IllegalStateException e) {
      throw new IOException("WebSocket output closed", e);
    } finally {
      writing.unlock();
    }
  }

  private void awaitWritable() throws IOException {
    try {
      while (!broken && !out.isReady()) {
        writable.await(READY_POLL_MILLIS, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to write to the WebSocket");
    }
    if (broken) {
      throw new IOException("WebSocket connection closed");
    }
  }

  private void lost(String reason) {
    tellSink(reason);
    drop(reason);
  }

  /** Closes the connection at once; writers waiting for it fail. */
  private void drop(String reason) {
    if (!dropped.compareAndSet(false, true)) {
      return;
    }
    writing.lock();
    try {
      broken = true;
      writable.signalAll();
    } finally {
      writing.unlock();
    }
    try {
      connection.close();
    } catch (Exception e) {
      LOG.log(Level.FINE, "closing an already broken WebSocket connection", e);
    }
    tellSink(reason);
  }

  private void tellSink(String reason) {
    FrameSink target = sink;
    if (target != null && sinkTold.compareAndSet(false, true)) {
      target.onClosed(reason);
    }
  }

  /** What the frame reader finds, on the container's reading thread. */
  private final class Inbound implements ServerFrameReader.Handler {
    @Override
    public void onMessage(ByteBuffer message) {
      sink.onFrame(message);
    }

    @Override
    public void onPing(ByteBuffer payload) {
      byte[] pong = WebSocketFrames.control(WebSocketFrames.PONG, payload);
      try {
        write(pong, null, 0, 0);
      } catch (IOException e) {
        lost("cannot answer a ping: " + e.getMessage());
      }
    }

    @Override
    public void onClose(int code, String reason) {
      String why = "WebSocket closed by peer (" + code + (reason.isEmpty() ? "" : ": " + reason) + ")";
      tellSink(why);
      if (closeSent.get()) {
        drop(why);
      } else {
        closeWith(code == CloseCodes.NO_STATUS ? CloseCodes.NORMAL : code, "", true);
      }
    }
  }
}
