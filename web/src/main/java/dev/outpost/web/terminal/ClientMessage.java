package dev.outpost.web.terminal;

/** What a browser terminal sends: keystrokes and pastes, a new window size, or the end. */
public sealed interface ClientMessage {

  /** Input for the remote shell, as the terminal produced it. */
  record Data(String data) implements ClientMessage {}

  /** The terminal's new size in character cells. */
  record Resize(TerminalSize size) implements ClientMessage {}

  /** The user closed the terminal. */
  record Close() implements ClientMessage {}
}
