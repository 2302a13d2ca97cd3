package dev.outpost.tunnel;

import dev.outpost.tunnel.TunnelAuthenticator.Prover;
import dev.outpost.tunnel.TunnelAuthenticator.Verifier;
import dev.outpost.tunnel.frame.ErrorCode;
import dev.outpost.tunnel.frame.Frame;
import dev.outpost.tunnel.frame.FrameCodec;
import dev.outpost.tunnel.frame.FrameException;
import dev.outpost.tunnel.frame.FrameType;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A {@link Tunnel} over any {@link FrameTransport}: the handshake, then streams with flow control
 * and keep-alives. {@link #accept} serves the proxy's side, {@link #dial} the agent's and CLI's.
 *
 * <p>Inbound frames arrive through {@link #onFrame} on the transport's thread, which only decodes,
 * checks and enqueues, so it never waits for a slow stream. Outbound frames leave through an {@link
 * Outbox} drained on the settings' executor; stream handlers run there too.
 *
 * <p>A peer that breaks the protocol on one stream gets that stream reset; one that leaves the
 * connection in doubt (malformed frames, bad stream ids, frames out of handshake order) gets a
 * GOAWAY. Either way with a precise reason.
 *
 * <p>A resumable connection (both sides offer it in HELLO: the dialer with a {@link StreamSession},
 * the acceptor with a {@link SessionRegistry}) exchanges RESUME after AUTH_OK and carries the
 * streams of a {@link StreamSession}. When its transport is lost or falls silent, the streams are
 * suspended rather than reset, and the next connection of the same peer carries them on.
 */
public final class TunnelConnection implements Tunnel, FrameTransport.FrameSink {
  private static final System.Logger LOG = System.getLogger(TunnelConnection.class.getName());

  static final int NONCE_LENGTH = 32;

  /**
   * How long a closing connection lets its GOAWAY drain before dropping the transport regardless.
   */
  private static final Duration CLOSE_LINGER = Duration.ofSeconds(5);

  private final boolean dialer;
  private final FrameTransport transport;
  private final TunnelSettings settings;
  private final StreamAcceptor acceptor;
  private final FrameCodec codec;
  private final Outbox outbox;
  private final Handshake handshake;
  private final StreamSession dialSession;
  private final SessionRegistry registry;
  private final ParkedStreams parked;
  private final CompletableFuture<TunnelConnection> established = new CompletableFuture<>();
  private final CompletableFuture<String> closed = new CompletableFuture<>();
  private final AtomicReference<String> closeReason = new AtomicReference<>();

  /**
   * Held while an inbound frame is handled. A connection superseded by a resumed one takes it, so
   * that a frame it is handling counts before the new connection states how far it received, and
   * no frame after it reaches the streams (see {@link #supersede}).
   */
  private final ReentrantLock handling = new ReentrantLock();
  private volatile long lastReceivedMillis;
  private volatile Established session;
  private volatile StreamTable streams;
  private volatile ScheduledFuture<?> timer;
  private volatile boolean awaitingResume;
  private volatile StreamSession streamSession;

  /** What happens to the streams when the connection ends. */
  private enum Ending {
    /** They fail: the connection was closed on purpose or broke the protocol. */
    CLOSE,
    /** They wait for a resume, if the connection is resumable: the link was lost. */
    SUSPEND,
    /** Another connection carries them on: leave them alone. */
    DETACH
  }

  private TunnelConnection(
      boolean dialer,
      FrameTransport transport,
      TunnelSettings settings,
      StreamAcceptor acceptor,
      StreamSession dialSession,
      SessionRegistry registry,
      ParkedStreams parked,
      Function<Handshake.Link, Handshake> handshake) {
    this.dialer = dialer;
    this.parked = parked;
    this.dialSession = dialSession;
    this.registry = registry;
    this.transport = transport;
    this.settings = settings;
    this.acceptor = acceptor;
    this.codec = new FrameCodec(settings.maxPayload());
    // Room for every stream's few pending control frames (OPEN_OK, WINDOW, CLOSE, RESET) and PONGs.
    int controlLimit = 8 * settings.maxStreams() + 256;
    this.outbox =
        new Outbox(transport, codec, settings.executor(), controlLimit, this::onSendFailure);
    this.handshake = handshake.apply(new HandshakeLink());
    this.lastReceivedMillis = settings.clock().millis();
  }

  /**
   * Serves the accepting (proxy) side of {@code transport}: sends HELLO with a fresh nonce, checks
   * the peer's credential with {@code verifier}, then accepts streams through {@code acceptor}.
   * Returns at once; see {@link #handshake()} and {@link #awaitHandshake}.
   */
  public static TunnelConnection accept(
      FrameTransport transport,
      TunnelSettings settings,
      Verifier verifier,
      StreamAcceptor acceptor) {
    return accept(transport, settings, verifier, acceptor, null);
  }

  /**
   * Like {@link #accept(FrameTransport, TunnelSettings, Verifier, StreamAcceptor)}, offering
   * resumable streams kept in {@code sessions} (null: none).
   */
  public static TunnelConnection accept(
      FrameTransport transport,
      TunnelSettings settings,
      Verifier verifier,
      StreamAcceptor acceptor,
      SessionRegistry sessions) {
    byte[] nonce = new byte[NONCE_LENGTH];
    settings.random().nextBytes(nonce);
    return new TunnelConnection(
            false,
            transport,
            settings,
            acceptor,
            null,
            sessions,
            null,
            link -> new AcceptingHandshake(link, settings, sessions != null, nonce, verifier))
        .start();
  }

  /**
   * Serves the dialing (agent or CLI) side of {@code transport}: answers the peer's nonce with
   * {@code prover}'s credential, then accepts streams through {@code acceptor} ({@link
   * StreamAcceptor#REFUSE_ALL} for a side that serves none). Returns at once.
   */
  public static TunnelConnection dial(
      FrameTransport transport, TunnelSettings settings, Prover prover, StreamAcceptor acceptor) {
    return dial(transport, settings, prover, acceptor, null);
  }

  /**
   * Like {@link #dial(FrameTransport, TunnelSettings, Prover, StreamAcceptor)}, carrying on the
   * streams of {@code session} (null: not resumable) if the peer still has them.
   */
  public static TunnelConnection dial(
      FrameTransport transport,
      TunnelSettings settings,
      Prover prover,
      StreamAcceptor acceptor,
      StreamSession session) {
    return dial(transport, settings, prover, acceptor, session, null);
  }

  /**
   * Like {@link #dial(FrameTransport, TunnelSettings, Prover, StreamAcceptor, StreamSession)},
   * keeping end-to-end streams in {@code parked} (null: none) when the relay goes away for good,
   * so that they can resume through another one.
   */
  public static TunnelConnection dial(
      FrameTransport transport,
      TunnelSettings settings,
      Prover prover,
      StreamAcceptor acceptor,
      StreamSession session,
      ParkedStreams parked) {
    return new TunnelConnection(
            true,
            transport,
            settings,
            acceptor,
            session,
            null,
            parked,
            link -> new DialingHandshake(link, settings, session != null, prover))
        .start();
  }

  /**
   * Completes with this connection once established, or exceptionally with the reason it failed.
   */
  public CompletableFuture<TunnelConnection> handshake() {
    return established.copy();
  }

  /**
   * Waits for the handshake; on timeout the connection is closed.
   *
   * @throws IOException with the reason, e.g. the peer's GOAWAY ("closed by peer: …")
   */
  public TunnelConnection awaitHandshake(Duration timeout) throws IOException {
    try {
      return established.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      terminate(ErrorCode.TIMEOUT, "handshake timeout", Ending.SUSPEND);
      throw new IOException("tunnel handshake did not complete within " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close("interrupted during the handshake");
      throw new InterruptedIOException("interrupted during the tunnel handshake");
    } catch (ExecutionException e) {
      throw new IOException(e.getCause().getMessage(), e.getCause());
    }
  }

  @Override
  public TunnelStream open(String target) throws IOException {
    MultiplexedStream stream = requireStreams().openLocal(target);
    stream.awaitAccepted(settings.openTimeout());
    return stream;
  }

  /**
   * Opens an end-to-end stream to {@code target} through the relay this side dialed: its bytes
   * are kept until the far end credits them, and should the relay go away they wait in this
   * side's {@link ParkedStreams} for {@link #resumeEndToEnd}. The relay names the stream in its
   * answer ({@link TunnelStream#acceptedAs()}: {@code key=…}); a relay that does not leaves it a
   * stream of one hop.
   */
  public TunnelStream openEndToEnd(String target) throws IOException {
    MultiplexedStream stream = requireStreams().openLocal(target, StreamStart.ZERO, true);
    stream.awaitAccepted(settings.openTimeout());
    String key = StreamTarget.parse("?" + stream.acceptedAs()).fields().get(StreamTable.KEY);
    if (key != null) {
      try {
        stream.endToEnd(new StreamKey(key), null);
      } catch (IllegalArgumentException e) {
        stream.reset(ErrorCode.PROTOCOL, "the relay named the stream with a malformed key");
        throw new IOException("the relay named the stream with a malformed key", e);
      }
    }
    return stream;
  }

  /**
   * Carries on end-to-end stream {@code key}, parked when its relay went away, through this
   * connection's relay: opens {@code target} (which names the stream to the relay) with this
   * side's account appended, and replays at once. The stream object stays the
   * same; its reader and writer never noticed. Should the relay refuse, the stream fails with the
   * reason.
   *
   * @throws IOException when the stream no longer waits, or the relay did not answer
   */
  public TunnelStream resumeEndToEnd(String target, StreamKey key) throws IOException {
    if (parked == null) {
      throw new IOException("this connection keeps no end-to-end streams");
    }
    StreamTable table = requireStreams();
    MultiplexedStream stream = parked.take(key);
    try {
      table.reopen(stream, target);
    } catch (IOException e) {
      parked.park(List.of(stream), e.getMessage(), e);
      throw e;
    }
    stream.awaitAccepted(settings.openTimeout());
    return stream;
  }

  /**
   * The relay's side of {@link #resumeEndToEnd}: opens {@code target} (a {@code resume?key=…}
   * naming the stream and its owner) towards the far end, counting from the opening end's {@code
   * point}, which is appended.
   */
  @Override
  public TunnelStream openResumed(String target, EndToEndPoint point) throws IOException {
    MultiplexedStream stream =
        requireStreams().openLocal(target + "&" + point.fields(), point.facingFarEnd());
    stream.awaitAccepted(settings.openTimeout());
    return stream;
  }

  @Override
  public String peerIdentity() {
    Established result = session;
    return result == null ? "" : result.peerIdentity();
  }

  /** Who the accepting side confirmed this (dialing) side to be in AUTH_OK; empty otherwise. */
  public String authenticatedAs() {
    Established result = session;
    return result == null ? "" : result.ownIdentity();
  }

  @Override
  public boolean isOpen() {
    return closeReason.get() == null
        && established.isDone()
        && !established.isCompletedExceptionally();
  }

  /**
   * When the last frame arrived from the peer: a tunnel that fell silent was last heard from then,
   * not when its keep-alive gave up on it.
   */
  public Instant lastReceived() {
    return Instant.ofEpochMilli(lastReceivedMillis);
  }

  /** The resumable session this connection carries, or null. */
  public StreamSession streamSession() {
    return streamSession;
  }

  /** Streams currently open on this connection, both directions. */
  public int openStreams() {
    StreamTable table = streams;
    return table == null ? 0 : table.size();
  }

  @Override
  public CompletableFuture<String> closed() {
    return closed.copy();
  }

  @Override
  public void close(String reason) {
    terminate(ErrorCode.NONE, reason, Ending.CLOSE);
  }

  @Override
  public void onFrame(ByteBuffer message) {
    handling.lock();
    try {
      if (closeReason.get() != null) {
        return;
      }
      lastReceivedMillis = settings.clock().millis();
      receive(codec.decode(transport.handsOverFrames() ? message : copyOf(message)));
    } catch (FrameException e) {
      terminate(ErrorCode.PROTOCOL, "malformed frame: " + e.getMessage(), Ending.CLOSE);
    } catch (ProtocolViolation violation) {
      onViolation(violation);
    } finally {
      handling.unlock();
    }
  }

  /** Streams keep DATA payloads as views of their message: one the transport reuses is copied. */
  private static ByteBuffer copyOf(ByteBuffer message) {
    return ByteBuffer.allocate(message.remaining()).put(message.duplicate()).flip();
  }

  @Override
  public void onClosed(String reason) {
    terminate(null, "connection lost: " + reason, Ending.SUSPEND);
  }

  @Override
  public String toString() {
    return (dialer ? "dialed" : "accepted")
        + " tunnel"
        + (peerIdentity().isEmpty() ? "" : " with " + peerIdentity());
  }

  private TunnelConnection start() {
    timer =
        schedule(
            () -> terminate(ErrorCode.TIMEOUT, "handshake timeout", Ending.SUSPEND),
            settings.handshakeTimeout());
    handshake.start();
    transport.start(this);
    return this;
  }

  private void receive(Frame frame) throws ProtocolViolation {
    if (frame instanceof Frame.GoAway goAway) {
      // A peer whose keep-alive ran out lost the link, like this side may soon; one that
      // superseded this connection carries the streams on another: either way, keep them.
      boolean lost = goAway.code() == ErrorCode.TIMEOUT;
      terminate(null, "closed by peer: " + goAway.reason(), lost ? Ending.SUSPEND : Ending.CLOSE);
      return;
    }
    StreamTable table = streams;
    if (table == null && awaitingResume) {
      onResume(Handshake.expect(frame, Frame.Resume.class, FrameType.RESUME));
    } else if (table == null) {
      handshake.onFrame(frame);
    } else if (frame instanceof Frame.StreamFrame streamFrame) {
      table.onFrame(streamFrame);
    } else if (frame instanceof Frame.Ping ping) {
      outbox.control(new Frame.Pong(ping.payload()));
    } else if (!(frame instanceof Frame.Pong)) {
      throw ProtocolViolation.ofConnection(
          ErrorCode.PROTOCOL, frame.type() + " after the handshake");
    }
  }

  private void onViolation(ProtocolViolation violation) {
    if (violation.streamId() == 0) {
      LOG.log(Level.WARNING, () -> this + ": " + violation.getMessage());
      terminate(violation.code(), violation.getMessage(), Ending.CLOSE);
    } else {
      LOG.log(Level.DEBUG, () -> this + ": " + violation.getMessage());
      streams.reset(violation.streamId(), violation.code(), violation.getMessage());
    }
  }

  private void establish(Established result, List<Frame> replies) {
    session = result;
    if ((dialSession != null || registry != null) && result.peerHello().resumable()) {
      awaitingResume = true; // the reader expects RESUME next; the handshake timer still runs
      replies.forEach(outbox::control);
      if (dialer) {
        outbox.control(dialSession.offer());
      }
      return;
    }
    StreamTable table = newTable(false);
    streams = table; // the reader routes stream frames from now on
    replies.forEach(outbox::control); // before any OPEN of ours: open() waits for `established`
    startStreams(table);
  }

  /** The peer's RESUME, on the reader thread: take the session's streams over, then go. */
  private void onResume(Frame.Resume resume) throws ProtocolViolation {
    awaitingResume = false;
    StreamSession resumed =
        dialer ? dialSession : registry.claim(resume.session(), session.peerIdentity());
    StreamTable table;
    try {
      table =
          dialer
              ? resumed.resumeDialed(resume, this, outbox, () -> newTable(true))
              : resumed.resumeAccepted(resume, this, outbox, () -> newTable(true));
    } catch (ProtocolViolation violation) {
      // Nothing was replayed yet: the streams may still resume on a sane connection.
      resumed.suspend(this, violation.getMessage());
      throw violation;
    }
    streamSession = resumed;
    streams = table;
    LOG.log(Level.DEBUG, () -> this + " carries " + resumed + " with " + table.size() + " streams");
    startStreams(table);
  }

  private StreamTable newTable(boolean resumable) {
    Frame.Hello peer = session.peerHello();
    return new StreamTable(
        dialer,
        settings,
        new FlowSettings(settings.initialWindow(), peer.initialWindow(), peer.maxPayload()),
        resumable,
        outbox,
        acceptor,
        parked);
  }

  private void startStreams(StreamTable table) {
    replaceTimer(startKeepAlive());
    String reason = closeReason.get();
    if (reason != null) { // closed meanwhile, maybe before `streams` was visible to terminate()
      cancelTimer();
      releaseStreams(table, reason, Ending.SUSPEND);
      return;
    }
    completeOffReader(() -> established.complete(this));
  }

  private ScheduledFuture<?> startKeepAlive() {
    KeepAlive keepAlive =
        new KeepAlive(
            settings.clock(),
            settings.idleTimeout(),
            () -> lastReceivedMillis,
            outbox::control,
            () -> terminate(ErrorCode.TIMEOUT, "keep-alive timeout", Ending.SUSPEND));
    long period = settings.pingInterval().toNanos();
    return settings
        .scheduler()
        .scheduleAtFixedRate(keepAlive, period, period, TimeUnit.NANOSECONDS);
  }

  /**
   * Ends the connection once: fails all streams and waiters, sends GOAWAY with {@code code} (none
   * if null: the peer already left) and closes the transport after it.
   */
  private void terminate(ErrorCode code, String reason, Ending ending) {
    if (!closeReason.compareAndSet(null, reason)) {
      return;
    }
    cancelTimer();
    StreamTable table = streams;
    if (table != null) {
      releaseStreams(table, reason, ending);
    }
    outbox.finish(code == null ? null : new Frame.GoAway(code, reason), reason);
    schedule(() -> transport.close(reason), CLOSE_LINGER);
    completeOffReader(
        () -> {
          established.completeExceptionally(new IOException(reason));
          closed.complete(reason);
        });
  }

  private void releaseStreams(StreamTable table, String reason, Ending ending) {
    StreamSession resumable = streamSession;
    IOException cause = new IOException("tunnel closed: " + reason);
    if (resumable == null && ending == Ending.SUSPEND) {
      table.park(reason, cause);
    } else if (resumable == null) {
      table.closeAll(cause);
    } else if (ending == Ending.SUSPEND) {
      resumable.suspend(this, reason);
    } else if (ending == Ending.CLOSE) {
      resumable.end(this, cause);
    }
  }

  /**
   * A newer connection of the same peer resumes this one's streams: let go of them. Waits for a
   * frame this connection is handling, on the lossy link its peer just left: the streams count it
   * before the newer connection states how far they received (a DATA frame counted after it would
   * be taken again from the peer's replay, a WINDOW acknowledge bytes twice). Handling a frame
   * takes only the streams' short locks, and a connection supersedes only those attached before
   * it, so the wait is brief and cannot close a circle.
   */
  void supersede() {
    handling.lock();
    try {
      // TIMEOUT: a peer still on this connection (it resumed on another, then gave that one up
      // while its RESUME was under way) keeps its streams and resumes them again.
      terminate(ErrorCode.TIMEOUT, "superseded by a resumed connection", Ending.DETACH);
    } finally {
      handling.unlock();
    }
  }

  /**
   * Completes futures on the executor, not the reader thread: a caller's callback that blocks
   * there (say, an {@code open} in {@code thenAccept}) would wait for frames only it can read.
   */
  private void completeOffReader(Runnable completion) {
    try {
      settings.executor().execute(completion);
    } catch (RejectedExecutionException e) {
      completion.run();
    }
  }

  private void onSendFailure(String reason) {
    terminate(null, reason, Ending.SUSPEND);
  }

  private StreamTable requireStreams() throws IOException {
    String reason = closeReason.get();
    if (reason != null) {
      throw new IOException("tunnel closed: " + reason);
    }
    if (!established.isDone()) {
      throw new IOException("tunnel handshake not complete");
    }
    return streams;
  }

  private ScheduledFuture<?> schedule(Runnable task, Duration delay) {
    try {
      return settings.scheduler().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      task.run(); // scheduler shut down: act now rather than never
      return null;
    }
  }

  private void replaceTimer(ScheduledFuture<?> next) {
    ScheduledFuture<?> previous = timer;
    timer = next;
    if (previous != null) {
      previous.cancel(false);
    }
  }

  private void cancelTimer() {
    replaceTimer(null);
  }

  /** The handshake's view of this connection. */
  private final class HandshakeLink implements Handshake.Link {
    @Override
    public void send(Frame frame) {
      outbox.control(frame);
    }

    @Override
    public void established(Established result, List<Frame> replies) {
      establish(result, replies);
    }

    @Override
    public void fail(ErrorCode code, String reason) {
      terminate(code, reason, Ending.CLOSE);
    }
  }
}
