package dev.outpost.web.kube.exec;

/** Bytes that do not follow the protocol being read: the reading of this connection ends. */
public final class ProtocolViolation extends Exception {
  private static final long serialVersionUID = 1L;

  public ProtocolViolation(String message) {
    super(message);
  }
}
