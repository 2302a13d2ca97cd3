package dev.outpost.tunnel.http;

import java.io.IOException;

/** A message head that cannot be read: malformed, too large or cut short. */
public final class HttpHeadException extends IOException {
  private static final long serialVersionUID = 1L;

  public HttpHeadException(String message) {
    super(message);
  }
}
