package dev.outpost.tunnel;

import java.io.IOException;

/** The peer refused to open a stream, or reset it; the message is the peer's reason. */
public class StreamRefusedException extends IOException {
  private static final long serialVersionUID = 1L;

  public StreamRefusedException(String reason) {
    super(reason);
  }
}
