package dev.outpost.cli;

/**
 * A failure to show the user as one line, with the exit code it stands for: 1 when the proxy, the
 * node or the stored credentials say no, 2 when the command line itself is wrong.
 */
public class CliException extends Exception {
  private static final long serialVersionUID = 1L;

  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  private final int exitCode;

  private CliException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** Exit code 1: refused, unreachable, expired, denied. */
  public static CliException failure(String message) {
    return new CliException(message, FAILURE, null);
  }

  /** Exit code 1, keeping the cause for {@code OUTPOST_DEBUG=1}. */
  public static CliException failure(String message, Throwable cause) {
    return new CliException(message, FAILURE, cause);
  }

  /** Exit code 2: the command line cannot work as given. */
  public static CliException usage(String message) {
    return new CliException(message, USAGE, null);
  }

  public int exitCode() {
    return exitCode;
  }
}
