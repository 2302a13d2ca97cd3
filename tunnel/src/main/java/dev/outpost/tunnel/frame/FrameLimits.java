package dev.outpost.tunnel.frame;

/** Sizes fixed by the wire format. */
public final class FrameLimits {

  /** type u8, flags u8, stream id u32, payload length u32. */
  public static final int HEADER_LENGTH = 10;

  /**
   * Largest payload a peer may announce in HELLO. Bounded so that one frame never forces a large
   * allocation, and low enough that a bulk stream cannot hold the shared connection for long.
   */
  public static final int MAX_PAYLOAD_CAP = 1 << 20;

  /** Smallest payload limit a peer may announce: every handshake frame must fit. */
  public static final int MIN_MAX_PAYLOAD = 16 * 1024;

  /**
   * Default payload limit: large enough for bulk throughput, small enough to interleave streams.
   * 256 KiB rather than 64: every message costs the proxy a fixed amount whatever its size, and
   * joining the queued SSH packets of a bulk stream into fewer, larger frames cut the proxy's CPU
   * per transferred byte several times over (docs/performance.md). A frame of 256 KiB holds the
   * connection for 2.5 ms at 100 MB/s, and only frames that were queued anyway grow that large.
   */
  public static final int DEFAULT_MAX_PAYLOAD = 256 * 1024;

  public static final int MAX_CREDENTIAL = 16 * 1024;
  public static final int MAX_TARGET = 1024;
  public static final int MAX_IDENTITY = 1024;
  public static final int MAX_REASON = 1024;
  public static final int MAX_NONCE = 255;

  /** Session ids in RESUME: 128 random bits. */
  public static final int SESSION_LENGTH = 16;

  /** Streams one RESUME may name; a connection never has more open (TunnelSettings cap). */
  public static final int MAX_RESUMED_STREAMS = 65_535;

  /** The HELLO header flag that offers resumable streams; no other flag is defined. */
  public static final int FLAG_RESUMABLE = 0x01;

  /** Windows, increments and stream ids are 31-bit so that they never turn negative in Java. */
  public static final int MAX_31_BIT = Integer.MAX_VALUE;

  private FrameLimits() {}
}
