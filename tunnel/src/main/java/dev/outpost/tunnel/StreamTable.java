package dev.outpost.tunnel;

import dev.outpost.tunnel.StreamAcceptor.StreamHandler;
import dev.outpost.tunnel.frame.ErrorCode;
import dev.outpost.tunnel.frame.Frame;
import dev.outpost.tunnel.frame.Frame.StreamFrame;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The live streams of an established connection: opening, accepting, routing inbound stream frames,
 * and failing them all when the connection ends. Lock order: table, then stream; a stream never
 * calls back into the table while holding its own lock.
 */
final class StreamTable {
  private static final System.Logger LOG = System.getLogger(StreamTable.class.getName());

  private final Map<Integer, MultiplexedStream> live = new HashMap<>();
  private final StreamIds ids;
  private final int maxStreams;
  private final FlowSettings flow;
  private final Outbox outbox;
  private final StreamAcceptor acceptor;
  private final Executor executor;
  private IOException closedCause;

  StreamTable(
      boolean dialer,
      TunnelSettings settings,
      FlowSettings flow,
      Outbox outbox,
      StreamAcceptor acceptor) {
    this.ids = new StreamIds(dialer);
    this.maxStreams = settings.maxStreams();
    this.flow = flow;
    this.outbox = outbox;
    this.acceptor = acceptor;
    this.executor = settings.executor();
  }

  /** Registers a new local stream and sends its OPEN; the caller waits for the answer. */
  synchronized MultiplexedStream openLocal(String target) throws IOException {
    if (closedCause != null) {
      throw new IOException(closedCause.getMessage(), closedCause);
    }
    if (live.size() >= maxStreams) {
      throw new IOException("too many streams on this tunnel (limit " + maxStreams + ")");
    }
    Frame.Open open = new Frame.Open(ids.allocateLocal(), target);
    MultiplexedStream stream = register(open);
    outbox.control(open); // under the lock: OPENs must leave in id order
    return stream;
  }

  void onFrame(StreamFrame frame) throws ProtocolViolation {
    if (frame instanceof Frame.Open open) {
      onOpen(open);
      return;
    }
    MultiplexedStream stream = find(frame);
    if (stream == null) {
      return; // the stream ended while this frame was in flight (e.g. crossed a RESET): drop it
    }
    if (frame instanceof Frame.Data data) {
      stream.onData(data.payload());
    } else if (frame instanceof Frame.Window window) {
      stream.onWindow(window.increment());
    } else if (frame instanceof Frame.Close) {
      stream.onClose();
    } else if (frame instanceof Frame.Reset reset) {
      stream.onReset(reset.reason());
    } else if (frame instanceof Frame.OpenOk) {
      stream.onOpenOk();
    }
  }

  /** Resets stream {@code id}, live or not, after the peer broke the protocol on it. */
  void reset(int id, ErrorCode code, String reason) {
    MultiplexedStream stream;
    synchronized (this) {
      stream = live.get(id);
    }
    if (stream != null) {
      stream.reset(code, reason);
    } else {
      outbox.control(new Frame.Reset(id, code, reason));
    }
  }

  /** Fails every live stream with {@code cause}; later opens fail with it too. */
  void closeAll(IOException cause) {
    List<MultiplexedStream> streams;
    synchronized (this) {
      closedCause = cause;
      streams = List.copyOf(live.values());
      live.clear();
    }
    streams.forEach(stream -> stream.fail(cause));
  }

  synchronized int size() {
    return live.size();
  }

  private void onOpen(Frame.Open open) throws ProtocolViolation {
    synchronized (this) {
      ids.acceptRemote(open.streamId());
      requireRoom(open.streamId());
    }
    StreamHandler handler = decide(open);
    MultiplexedStream stream;
    synchronized (this) {
      if (closedCause != null) {
        return;
      }
      requireRoom(open.streamId()); // local opens may have taken the room meanwhile
      stream = register(open);
      stream.markAccepted();
      outbox.control(new Frame.OpenOk(open.streamId()));
    }
    serve(stream, handler);
  }

  /** Asks the acceptor, on the reader thread as its contract says; it must be quick. */
  private StreamHandler decide(Frame.Open open) throws ProtocolViolation {
    try {
      return acceptor.accept(open.target());
    } catch (StreamRefusedException e) {
      throw ProtocolViolation.ofStream(open.streamId(), ErrorCode.REFUSED, Reasons.describe(e));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "stream acceptor failed for " + open.target(), e);
      throw ProtocolViolation.ofStream(
          open.streamId(), ErrorCode.INTERNAL, "cannot accept the stream: " + Reasons.describe(e));
    }
  }

  private void serve(MultiplexedStream stream, StreamHandler handler) {
    try {
      executor.execute(() -> runHandler(stream, handler));
    } catch (RejectedExecutionException e) {
      stream.reset(ErrorCode.INTERNAL, "no thread to serve the stream");
    }
  }

  /**
   * A handler that returns is done with its stream, which is then closed; one that throws resets
   * it.
   */
  private static void runHandler(MultiplexedStream stream, StreamHandler handler) {
    try {
      handler.serve(stream);
      stream.close();
    } catch (Exception e) {
      LOG.log(Level.DEBUG, () -> "handler of " + stream + " failed", e);
      stream.reset(ErrorCode.INTERNAL, "stream handler failed: " + Reasons.describe(e));
    }
  }

  private MultiplexedStream register(Frame.Open open) {
    MultiplexedStream stream =
        new MultiplexedStream(open.streamId(), open.target(), flow, outbox, this::release);
    live.put(open.streamId(), stream);
    return stream;
  }

  private synchronized void release(MultiplexedStream stream) {
    live.remove(stream.id(), stream);
  }

  private void requireRoom(int id) throws ProtocolViolation {
    if (live.size() >= maxStreams) {
      throw ProtocolViolation.ofStream(
          id, ErrorCode.REFUSED, "too many streams (limit " + maxStreams + ")");
    }
  }

  private synchronized MultiplexedStream find(StreamFrame frame) throws ProtocolViolation {
    MultiplexedStream stream = live.get(frame.streamId());
    if (stream == null && !ids.wasOpened(frame.streamId())) {
      throw ProtocolViolation.ofConnection(
          ErrorCode.PROTOCOL,
          frame.type() + " for stream " + frame.streamId() + ", which was never opened");
    }
    return stream;
  }
}
