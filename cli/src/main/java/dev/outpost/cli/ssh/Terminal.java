package dev.outpost.cli.ssh;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The local terminal of an interactive session, driven through {@code stty} on {@code /dev/tty}:
 * the JDK has no API for raw mode or the window size, and {@code stty} is on every Unix, which
 * keeps the CLI free of native libraries.
 */
final class Terminal {

  private static final File TTY = new File("/dev/tty");

  /** Columns and rows. */
  record Size(int columns, int rows) {}

  private Terminal() {}

  /**
   * The terminal, when standard input and output both are one (as {@code System.console()} says).
   */
  static Optional<Terminal> ifInteractive() {
    return System.console() != null && TTY.canRead()
        ? Optional.of(new Terminal())
        : Optional.empty();
  }

  /** {@code $TERM}, which the node needs to draw for this terminal. */
  String type() {
    String term = System.getenv("TERM");
    return term == null || term.isBlank() ? "xterm" : term;
  }

  /** The current size, or 80x24 when {@code stty} cannot tell. */
  Size size() {
    try {
      String[] rowsAndColumns = stty("size").strip().split("\\s+");
      return new Size(Integer.parseInt(rowsAndColumns[1]), Integer.parseInt(rowsAndColumns[0]));
    } catch (IOException | RuntimeException unknown) {
      return new Size(80, 24);
    }
  }

  /**
   * Switches to raw mode (keys go to the node unprocessed, no local echo) until the returned handle
   * restores it; also restored if the JVM is stopped meanwhile.
   */
  RawMode enterRawMode() throws IOException {
    String saved = stty("-g").strip();
    Thread restore = new Thread(() -> restore(saved), "terminal-restore");
    Runtime.getRuntime().addShutdownHook(restore);
    stty("raw", "-echo");
    return () -> {
      restore(saved);
      try {
        Runtime.getRuntime().removeShutdownHook(restore);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway; restoring twice is harmless
      }
    };
  }

  /** The handle of {@link #enterRawMode()}. */
  interface RawMode {
    /** Puts the terminal back as it was. */
    void restore();
  }

  private static void restore(String saved) {
    try {
      stty(saved);
    } catch (IOException ignored) {
      // nothing more can be done for a terminal that is gone
    }
  }

  private static String stty(String... arguments) throws IOException {
    String[] command = new String[arguments.length + 1];
    command[0] = "stty";
    System.arraycopy(arguments, 0, command, 1, arguments.length);
    Process process =
        new ProcessBuilder(command)
            .redirectInput(TTY)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    try {
      if (process.waitFor() != 0) {
        throw new IOException("stty " + String.join(" ", arguments) + " failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running stty", e);
    }
    return output;
  }
}
