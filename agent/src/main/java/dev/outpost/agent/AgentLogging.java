package dev.outpost.agent;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * java.util.logging set up for a daemon: one line per record (journald and log collectors split
 * on newlines), and the libraries' per-session chatter kept below INFO.
 */
final class AgentLogging {
  private static final String ONE_LINE = "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n";

  /** Strong references: the LogManager only keeps weak ones, and would forget the levels. */
  private static final Logger MINA = Logger.getLogger("org.apache.sshd");
  private static final Logger PTY4J = Logger.getLogger("com.pty4j");

  private AgentLogging() {}

  static void configure() {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null
        && System.getProperty("java.util.logging.config.file") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", ONE_LINE);
    }
    MINA.setLevel(Level.WARNING);
    PTY4J.setLevel(Level.WARNING);
  }
}
