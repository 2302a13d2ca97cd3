package dev.outpost.tunnel;

import dev.outpost.tunnel.frame.FrameLimits;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * How a {@link TunnelConnection} behaves: sizes, timeouts and the injected clock, threads and
 * randomness. Immutable and checked once, when built; {@link #defaults()} suits production.
 *
 * <p>Why the defaults: 256 KiB frames keep per-frame overhead small (it is not negligible on
 * the proxy, see {@link FrameLimits#DEFAULT_MAX_PAYLOAD}) while letting streams interleave; a 2
 * MiB window per stream equals OpenSSH's channel window, so the tunnel never throttles the SSH
 * session it carries, and sustains 200 MB/s up to 10 ms of round trip; 100 streams (HTTP/2's
 * recommended floor) bound what a peer can make this side buffer to 200 MiB per connection. A PING
 * every 15 s keeps NAT and proxy idle timers from dropping the connection; 45 s of silence (three
 * missed pings) declares it dead.
 */
public final class TunnelSettings {

  public static final int DEFAULT_INITIAL_WINDOW = 2 * 1024 * 1024;
  public static final int MIN_INITIAL_WINDOW = 16 * 1024;
  public static final int MAX_INITIAL_WINDOW = 1 << 30;
  public static final int DEFAULT_MAX_STREAMS = 100;
  /** A RESUME names every stream of a connection in a u16 count. */
  public static final int MAX_STREAMS_CAP = FrameLimits.MAX_RESUMED_STREAMS;
  public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(15);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(45);
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(15);
  public static final Duration DEFAULT_OPEN_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_RESUME_GRACE = Duration.ofMinutes(5);

  private final int maxPayload;
  private final int initialWindow;
  private final int maxStreams;
  private final Duration pingInterval;
  private final Duration idleTimeout;
  private final Duration handshakeTimeout;
  private final Duration openTimeout;
  private final Duration resumeGrace;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final Executor executor;
  private final SecureRandom random;

  private TunnelSettings(Builder b) {
    maxPayload =
        within(
            "maxPayload", b.maxPayload, FrameLimits.MIN_MAX_PAYLOAD, FrameLimits.MAX_PAYLOAD_CAP);
    initialWindow =
        within("initialWindow", b.initialWindow, MIN_INITIAL_WINDOW, MAX_INITIAL_WINDOW);
    maxStreams = within("maxStreams", b.maxStreams, 1, MAX_STREAMS_CAP);
    pingInterval = positive("pingInterval", b.pingInterval);
    idleTimeout = positive("idleTimeout", b.idleTimeout);
    handshakeTimeout = positive("handshakeTimeout", b.handshakeTimeout);
    openTimeout = positive("openTimeout", b.openTimeout);
    resumeGrace = positive("resumeGrace", b.resumeGrace);
    if (idleTimeout.compareTo(pingInterval) <= 0) {
      throw new IllegalArgumentException(
          "idleTimeout (" + idleTimeout + ") must exceed pingInterval (" + pingInterval + ")");
    }
    clock = Objects.requireNonNull(b.clock, "clock");
    scheduler = Objects.requireNonNullElseGet(b.scheduler, () -> SharedThreads.SCHEDULER);
    executor = Objects.requireNonNullElseGet(b.executor, () -> SharedThreads.EXECUTOR);
    random = Objects.requireNonNullElseGet(b.random, () -> SharedThreads.RANDOM);
  }

  public static TunnelSettings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    return new Builder()
        .maxPayload(maxPayload)
        .initialWindow(initialWindow)
        .maxStreams(maxStreams)
        .pingInterval(pingInterval)
        .idleTimeout(idleTimeout)
        .handshakeTimeout(handshakeTimeout)
        .openTimeout(openTimeout)
        .resumeGrace(resumeGrace)
        .clock(clock)
        .scheduler(scheduler)
        .executor(executor)
        .random(random);
  }

  /** Largest DATA payload this side accepts; the peer learns it from HELLO. */
  public int maxPayload() {
    return maxPayload;
  }

  /** Credit granted to the peer per stream: this side buffers at most this much per stream. */
  public int initialWindow() {
    return initialWindow;
  }

  /** Streams open at once on a connection, both directions together; more are refused. */
  public int maxStreams() {
    return maxStreams;
  }

  public Duration pingInterval() {
    return pingInterval;
  }

  /** Silence after which the connection is declared dead ("keep-alive timeout"). */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  public Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  /** How long {@link Tunnel#open} waits for the peer to accept or refuse. */
  public Duration openTimeout() {
    return openTimeout;
  }

  /**
   * How long the streams of a lost resumable connection wait for the peer to come back before
   * they are reset: long enough for a cellular link to drop and return.
   */
  public Duration resumeGrace() {
    return resumeGrace;
  }

  public Clock clock() {
    return clock;
  }

  /** Runs keep-alives and timeouts; its tasks are short and never block. */
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /**
   * Runs stream handlers, handshake proofs and the frame writer. Must start a task even while
   * others block (a cached pool, not a small fixed one), or a blocked handler could stall writing.
   */
  public Executor executor() {
    return executor;
  }

  public SecureRandom random() {
    return random;
  }

  private static int within(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be in " + min + ".." + max + ", got " + value);
    }
    return value;
  }

  private static Duration positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
    return value;
  }

  /** Mutable builder; starts from the defaults. */
  public static final class Builder {
    private int maxPayload = FrameLimits.DEFAULT_MAX_PAYLOAD;
    private int initialWindow = DEFAULT_INITIAL_WINDOW;
    private int maxStreams = DEFAULT_MAX_STREAMS;
    private Duration pingInterval = DEFAULT_PING_INTERVAL;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
    private Duration openTimeout = DEFAULT_OPEN_TIMEOUT;
    private Duration resumeGrace = DEFAULT_RESUME_GRACE;
    private Clock clock = Clock.systemUTC();
    private ScheduledExecutorService scheduler;
    private Executor executor;
    private SecureRandom random;

    private Builder() {}

    public Builder maxPayload(int bytes) {
      this.maxPayload = bytes;
      return this;
    }

    public Builder initialWindow(int bytes) {
      this.initialWindow = bytes;
      return this;
    }

    public Builder maxStreams(int streams) {
      this.maxStreams = streams;
      return this;
    }

    public Builder pingInterval(Duration interval) {
      this.pingInterval = interval;
      return this;
    }

    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = timeout;
      return this;
    }

    public Builder handshakeTimeout(Duration timeout) {
      this.handshakeTimeout = timeout;
      return this;
    }

    public Builder openTimeout(Duration timeout) {
      this.openTimeout = timeout;
      return this;
    }

    public Builder resumeGrace(Duration grace) {
      this.resumeGrace = grace;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    public Builder random(SecureRandom random) {
      this.random = random;
      return this;
    }

    /**
     * Scheduler, executor and random left unset (or null) are the JVM-wide shared defaults.
     *
     * @throws IllegalArgumentException naming the first value out of range
     */
    public TunnelSettings build() {
      return new TunnelSettings(this);
    }
  }

  /** The default threads, created on first use and shared by all connections of the JVM. */
  private static final class SharedThreads {
    static final ScheduledExecutorService SCHEDULER = timer();
    static final ExecutorService EXECUTOR =
        Executors.newCachedThreadPool(new NamedDaemonThreads("tunnel-stream"));
    static final SecureRandom RANDOM = new SecureRandom();

    private static ScheduledExecutorService timer() {
      ScheduledThreadPoolExecutor timer =
          new ScheduledThreadPoolExecutor(1, new NamedDaemonThreads("tunnel-timer"));
      timer.setRemoveOnCancelPolicy(
          true); // cancelled keep-alives of closed tunnels must not pile up
      return timer;
    }
  }
}
