package dev.outpost.tunnel;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A logical, flow-controlled byte stream inside a {@link Tunnel}. Reading consumes the receive
 * window and returns credit to the peer; writing blocks while the peer has granted no credit, so a
 * stalled reader never makes the other side buffer without bound.
 */
public interface TunnelStream extends Closeable {

  int id();

  /** The target this stream was opened for, as given to {@link Tunnel#open}. */
  String target();

  /**
   * What the peer accepted the stream as, for a target that asks (an end-to-end stream learns its
   * key and session, {@code key=…&session=…}); empty otherwise.
   */
  default String acceptedAs() {
    return "";
  }

  /** Bytes from the peer; end of stream once the peer half-closes. */
  InputStream input();

  /** Bytes to the peer; {@code close()} half-closes (the peer's input sees end of stream). */
  OutputStream output();

  /** Aborts the stream in both directions, telling the peer why. */
  void reset(String reason);

  /** Half-closes output and releases the stream once both directions are done. */
  @Override
  void close();
}
