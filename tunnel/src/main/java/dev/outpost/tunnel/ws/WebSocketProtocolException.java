package dev.outpost.tunnel.ws;

import java.io.IOException;

/**
 * The peer broke RFC 6455 (or a limit of ours): the connection fails with {@link #closeCode()} and
 * this message as the close reason.
 */
public final class WebSocketProtocolException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int closeCode;

  public WebSocketProtocolException(int closeCode, String message) {
    super(message);
    this.closeCode = closeCode;
  }

  /** The status to close with: {@link CloseCodes#PROTOCOL_ERROR} unless a more precise one fits. */
  public int closeCode() {
    return closeCode;
  }
}
