package dev.outpost.tunnel;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Carries whole frames between two peers: the narrow seam to WebSocket implementations (the
 * proxy's servlet upgrade, the tunnel module's own client on agent and CLI) and to in-memory pipes
 * in tests. Each frame travels as one binary message.
 *
 * <p>Inbound frames are pushed by the adapter into {@link FrameSink#onFrame}, one call at a time,
 * once its sink is given through {@link #start}.
 */
public interface FrameTransport {

  /**
   * Starts delivering inbound frames to {@code sink}; frames that arrived earlier are delivered
   * first. {@code TunnelConnection} calls this once it is ready. The default, which does nothing,
   * suits test transports that deliver no frames.
   */
  default void start(FrameSink sink) {}

  /**
   * Sends one encoded frame; blocks until handed to the network. Thread-safe, order-preserving.
   *
   * <p>The transport never modifies the frame's bytes (it may move its own view's position): a
   * transport that must mask or compress does so into a buffer of its own.
   */
  void send(ByteBuffer frame) throws IOException;

  /**
   * Whether the buffers this transport gives {@link FrameSink#onFrame} are the sink's to keep: a
   * fresh buffer for each message, never touched again by the transport. The tunnel then reads
   * DATA payloads from them without copying; otherwise it copies each message first.
   */
  default boolean handsOverFrames() {
    return false;
  }

  /** Closes the underlying connection; idempotent. */
  void close(String reason);

  /** Receiving side of a transport: what the adapter calls with each inbound message. */
  interface FrameSink {
    /**
     * One complete binary message. The buffer is only valid during the call, unless the transport
     * {@linkplain FrameTransport#handsOverFrames hands its frames over}: then the sink may keep it.
     */
    void onFrame(ByteBuffer frame);

    /** The transport is gone (remote close, network error, local close). */
    void onClosed(String reason);
  }
}
