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

  /** The service of an OPEN that carries an end-to-end stream on ({@link #adopt}). */
  static final String RESUME = "resume";

  /** The OPEN target field naming an end-to-end stream ({@link StreamKey}). */
  static final String KEY = "key";

  private final Map<Integer, MultiplexedStream> live = new HashMap<>();
  private final StreamIds ids;
  private final int maxStreams;
  private final FlowSettings flow;
  private final boolean resumable;
  private volatile Outbox outbox;
  private final StreamAcceptor acceptor;
  private final ParkedStreams parked;
  private final Executor executor;
  private IOException closedCause;

  StreamTable(
      boolean dialer,
      TunnelSettings settings,
      FlowSettings flow,
      boolean resumable,
      Outbox outbox,
      StreamAcceptor acceptor,
      ParkedStreams parked) {
    this.ids = new StreamIds(dialer);
    this.maxStreams = settings.maxStreams();
    this.flow = flow;
    this.resumable = resumable;
    this.outbox = outbox;
    this.acceptor = acceptor;
    this.parked = parked;
    this.executor = settings.executor();
  }

  /** Registers a new local stream and sends its OPEN; the caller waits for the answer. */
  MultiplexedStream openLocal(String target) throws IOException {
    return openLocal(target, StreamStart.ZERO);
  }

  /** Like {@link #openLocal(String)}, with the stream's counts starting at {@code start}. */
  MultiplexedStream openLocal(String target, StreamStart start) throws IOException {
    return openLocal(target, start, resumable);
  }

  /**
   * Like {@link #openLocal(String)}, with the stream's counts starting at {@code start} and its
   * bytes kept for a replay if {@code recording} (an end-to-end stream, on a connection that
   * cannot resume).
   */
  synchronized MultiplexedStream openLocal(String target, StreamStart start, boolean recording)
      throws IOException {
    Frame.Open open = new Frame.Open(allocateLocal(), target);
    MultiplexedStream stream = register(open, start, recording);
    outbox.control(open); // under the lock: OPENs must leave in id order
    return stream;
  }

  /**
   * Carries an end-to-end stream on over this connection: it opens again as a new stream of this
   * table, to {@code target} (which names it) with how far it got appended, and replays at once.
   * The caller waits for the answer.
   */
  synchronized void reopen(MultiplexedStream stream, String target) throws IOException {
    int id = allocateLocal();
    stream.renumber(id, outbox, this::release, true);
    live.put(id, stream);
    stream.reopenThisEnd(outbox, target); // under the lock: OPENs must leave in id order
  }

  private int allocateLocal() throws IOException {
    if (closedCause != null) {
      throw new IOException(closedCause.getMessage(), closedCause);
    }
    if (live.size() >= maxStreams) {
      throw new IOException("too many streams on this tunnel (limit " + maxStreams + ")");
    }
    return ids.allocateLocal();
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
    } else if (frame instanceof Frame.OpenOk ok) {
      stream.onOpenOk(ok.accepted());
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

  /**
   * The relay went away for good because {@code reason}: end-to-end streams wait in this side's
   * {@link ParkedStreams} for a resume through another one, every other stream fails with {@code
   * cause}, as do later opens.
   */
  void park(String reason, IOException cause) {
    if (parked == null) {
      closeAll(cause);
      return;
    }
    List<MultiplexedStream> streams;
    synchronized (this) {
      closedCause = cause;
      streams = List.copyOf(live.values());
      live.clear();
    }
    parked.park(streams, reason, cause);
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
   * #checkResume}) replays what the peer missed and grants again the credit granted since this
   * side's own point in {@code told}; every other one fails, the peer no longer has it.
   */
  void resume(Outbox next, List<Frame.ResumePoint> kept, List<Frame.ResumePoint> told) {
    Map<Integer, Frame.ResumePoint> byId = new HashMap<>();
    kept.forEach(point -> byId.put(point.streamId(), point));
    Map<Integer, Long> toldCredited = new HashMap<>();
    told.forEach(point -> toldCredited.put(point.streamId(), point.credited()));
    List<MultiplexedStream> resumed;
    List<MultiplexedStream> lost;
    synchronized (this) {
      outbox = next;
      resumed = live.values().stream().filter(stream -> byId.containsKey(stream.id())).toList();
      lost = live.values().stream().filter(stream -> !byId.containsKey(stream.id())).toList();
      lost.forEach(stream -> live.remove(stream.id()));
    }
    resumed.forEach(
        stream -> stream.resume(next, byId.get(stream.id()), toldCredited.get(stream.id())));
    lost.forEach(
        stream ->
            stream.fail(new IOException("not resumed: the peer no longer has " + stream)));
  }

  private void onOpen(Frame.Open open) throws ProtocolViolation {
    synchronized (this) {
      ids.acceptRemote(open.streamId());
      requireRoom(open.streamId());
    }
    StreamTarget target = StreamTarget.parse(open.target());
    if (parked != null && RESUME.equals(target.service())) {
      adopt(open.streamId(), target);
      return;
    }
    StreamHandler handler = decide(open);
    EndToEndPoint from = handler.resumesFrom();
    MultiplexedStream stream;
    synchronized (this) {
      if (closedCause != null) {
        return;
      }
      requireRoom(open.streamId()); // local opens may have taken the room meanwhile
      stream = register(open, from == null ? StreamStart.ZERO : from.facingThisEnd(), resumable);
      if (target.fields().containsKey(KEY)) {
        stream.endToEnd(key(open.streamId(), target), StreamOwner.of(target));
      }
      stream.markAccepted();
      outbox.control(new Frame.OpenOk(open.streamId(), handler.acceptedAs()));
    }
    serve(stream, handler);
  }

  /**
   * A relay asks to carry on one of this side's parked end-to-end streams ({@code
   * resume?key=…&user=…&cluster=…&session=…&received=…}): the stream answers as this new one and
   * replays, its handler never noticed.
   */
  private void adopt(int streamId, StreamTarget target) throws ProtocolViolation {
    StreamKey key = key(streamId, target);
    EndToEndPoint point;
    try {
      point = EndToEndPoint.of(target);
    } catch (IllegalArgumentException e) {
      throw ProtocolViolation.ofStream(streamId, ErrorCode.PROTOCOL, e.getMessage());
    }
    MultiplexedStream stream = parked.adopt(streamId, key, StreamOwner.of(target), point, flow);
    synchronized (this) {
      if (closedCause != null) {
        parked.park(List.of(stream), closedCause.getMessage(), closedCause);
        return;
      }
      stream.renumber(streamId, outbox, this::release, false);
      live.put(streamId, stream);
      outbox.control(new Frame.OpenOk(streamId));
      stream.resumeFarEnd(outbox, point);
    }
    LOG.log(Level.DEBUG, () -> "resumed end-to-end " + stream + " for " + stream.owner());
  }

  private static StreamKey key(int streamId, StreamTarget target) throws ProtocolViolation {
    try {
      return new StreamKey(target.fields().getOrDefault(KEY, ""));
    } catch (IllegalArgumentException e) {
      throw ProtocolViolation.ofStream(streamId, ErrorCode.PROTOCOL, e.getMessage());
    }
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

  private MultiplexedStream register(Frame.Open open, StreamStart start, boolean recording) {
    MultiplexedStream stream =
        new MultiplexedStream(
            open.streamId(), open.target(), flow, recording, start, outbox, this::release);
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
