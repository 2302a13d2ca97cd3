package dev.outpost.agent.ssh;

import java.util.Map;
import org.apache.sshd.server.Environment;

/**
 * Columns and rows of the client's terminal, from {@code pty-req} and {@code window-change}.
 *
 * @param columns characters per line
 * @param rows lines
 */
public record TerminalSize(int columns, int rows) {
  private static final TerminalSize FALLBACK = new TerminalSize(80, 24);

  /** The size MINA recorded in the channel environment ({@code COLUMNS}, {@code LINES}). */
  public static TerminalSize of(Environment environment) {
    Map<String, String> env = environment.getEnv();
    try {
      int columns = Integer.parseInt(env.getOrDefault(Environment.ENV_COLUMNS, "80"));
      int rows = Integer.parseInt(env.getOrDefault(Environment.ENV_LINES, "24"));
      return columns > 0 && rows > 0 ? new TerminalSize(columns, rows) : FALLBACK;
    } catch (NumberFormatException e) {
      return FALLBACK;
    }
  }
}
