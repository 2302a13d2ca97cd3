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
  private final boolean resumable;
  private volatile Outbox outbox;
  private final StreamAcceptor acceptor;
  private final Executor executor;
  private IOException closedCause;

  StreamTable(
      boolean dialer,
      TunnelSettings settings,
      FlowSettings flow,
      boolean resumable,
      Outbox outbox,
      StreamAcceptor acceptor) {
    this.ids = new StreamIds(dialer);
    this.maxStreams = settings.maxStreams();
    this.flow = flow;
    this.resumable = resumable;
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

  /** The flow settings new streams get; a resumed connection must agree with them. */
  FlowSettings flow() {
    return flow;
  }

  /**
   * The connection was lost but may be resumed: streams the peer accepted wait for it (their
   * writes are kept for replay), streams still waiting for OPEN_OK fail with {@code cause}.
   */
  void suspend(IOException cause) {
    List<MultiplexedStream> unanswered;
    synchronized (this) {
      unanswered = live.values().stream().filter(stream -> !stream.isAccepted()).toList();
      unanswered.forEach(stream -> live.remove(stream.id()));
    }
    unanswered.forEach(stream -> stream.fail(cause));
  }

  /** How far this side received each of its streams, for a RESUME. */
  synchronized List<Frame.ResumePoint> resumePoints() {
    return live.values().stream().map(MultiplexedStream::resumePoint).toList();
  }

  /** Bytes all streams keep for a replay. */
  synchronized long replayHeld() {
    return live.values().stream().mapToLong(MultiplexedStream::replayHeld).sum();
  }

  /**
   * Checks the peer's RESUME points against the streams this side has; returns those it can
   * resume. A stream this side no longer has (it ended while the connection was down) is left out
   * when {@code lenient}, a violation otherwise (the peer names only streams this side offered).
   *
   * @throws ProtocolViolation for a stream named twice, unknown (unless lenient), or whose offsets
   *     do not add up
   */
  synchronized List<Frame.ResumePoint> checkResume(List<Frame.ResumePoint> peer, boolean lenient)
      throws ProtocolViolation {
    Map<Integer, Frame.ResumePoint> named = new HashMap<>();
    for (Frame.ResumePoint point : peer) {
      if (named.put(point.streamId(), point) != null) {
        throw ProtocolViolation.ofConnection(
            ErrorCode.PROTOCOL, "RESUME names stream " + point.streamId() + " twice");
      }
      MultiplexedStream stream = live.get(point.streamId());
      if (stream == null) {
        if (!lenient) {
          throw ProtocolViolation.ofConnection(
              ErrorCode.PROTOCOL, "RESUME names unknown stream " + point.streamId());
        }
        named.remove(point.streamId());
        continue;
      }
      stream.checkResume(point);
    }
    return List.copyOf(named.values());
  }

  /**
   * Carries the streams on over {@code next}: each one in {@code kept} (checked by {@link
   * #checkResume}) replays what the peer missed; every other one fails, the peer no longer has it.
   */
  void resume(Outbox next, List<Frame.ResumePoint> kept) {
    Map<Integer, Frame.ResumePoint> byId = new HashMap<>();
    kept.forEach(point -> byId.put(point.streamId(), point));
    List<MultiplexedStream> resumed;
    List<MultiplexedStream> lost;
    synchronized (this) {
      outbox = next;
      resumed = live.values().stream().filter(stream -> byId.containsKey(stream.id())).toList();
      lost = live.values().stream().filter(stream -> !byId.containsKey(stream.id())).toList();
      lost.forEach(stream -> live.remove(stream.id()));
    }
    resumed.forEach(stream -> stream.resume(next, byId.get(stream.id())));
    lost.forEach(
        stream ->
            stream.fail(new IOException("not resumed: the peer no longer has " + stream)));
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
        new MultiplexedStream(
            open.streamId(), open.target(), flow, resumable, outbox, this::release);
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
