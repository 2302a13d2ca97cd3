package dev.outpost.agent.ssh;

/** A session cannot run as the requested login; the message is shown to the SSH user as is. */
public class LoginRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  public LoginRefusedException(String message) {
    super(message);
  }
}
