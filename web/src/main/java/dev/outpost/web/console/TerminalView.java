package dev.outpost.web.console;

import dev.outpost.web.terminal.Terminal;
import java.time.Instant;

/** One of the user's open browser terminals. */
public record TerminalView(String session, String node, String login, Instant started) {

  static TerminalView of(Terminal terminal) {
    return new TerminalView(terminal.session().toString(), terminal.node(), terminal.login(),
        terminal.started());
  }
}
