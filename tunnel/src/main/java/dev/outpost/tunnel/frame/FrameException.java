package dev.outpost.tunnel.frame;

import java.io.IOException;

/** A binary message is not a well-formed frame; the message says precisely what is wrong. */
public class FrameException extends IOException {
  private static final long serialVersionUID = 1L;

  public FrameException(String message) {
    super(message);
  }
}
