package dev.outpost.agent.join;

/** Joining or renewing failed; the message is one line for the operator. */
public class JoinException extends Exception {
  private static final long serialVersionUID = 1L;

  public JoinException(String message) {
    super(message);
  }

  public JoinException(String message, Throwable cause) {
    super(message, cause);
  }
}
