package dev.outpost.tunnel.ws;

/** WebSocket close status codes (RFC 6455, section 7.4) that the tunnel's WebSocket code uses. */
public final class CloseCodes {
  public static final int NORMAL = 1000;
  public static final int PROTOCOL_ERROR = 1002;
  public static final int UNSUPPORTED_DATA = 1003;
  /** Not sent: what a close frame without a status code stands for. */
  public static final int NO_STATUS = 1005;
  public static final int INVALID_DATA = 1007;
  public static final int MESSAGE_TOO_BIG = 1009;

  private CloseCodes() {}

  /**
   * Whether a peer may send {@code code} in a close frame: the codes RFC 6455 and the IANA registry
   * define (1000–1003, 1007–1014) and those left to applications and libraries (3000–4999); never
   * 1004 (reserved), 1005, 1006 or 1015 (stand-ins that must not be sent).
   */
  public static boolean isValidToReceive(int code) {
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
        || (code >= 3000 && code <= 4999);
  }
}
