package dev.outpost.tunnel;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Carries whole frames between two peers: the narrow seam to WebSocket implementations (Tyrus on
 * the proxy, the JDK client on agent and CLI) and to in-memory pipes in tests. Each frame travels
 * as one binary message.
 *
 * <p>Inbound frames are pushed by the adapter into {@link FrameSink#onFrame}.
 */
public interface FrameTransport {

  /** Sends one encoded frame; blocks until handed to the network. Thread-safe, order-preserving. */
  void send(ByteBuffer frame) throws IOException;

  /** Closes the underlying connection; idempotent. */
  void close(String reason);

  /** Receiving side of a transport: what the adapter calls with each inbound message. */
  interface FrameSink {
    /** One complete binary message; the buffer is only valid during the call. */
    void onFrame(ByteBuffer frame);

    /** The transport is gone (remote close, network error, local close). */
    void onClosed(String reason);
  }
}
