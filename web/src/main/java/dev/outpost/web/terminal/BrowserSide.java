package dev.outpost.web.terminal;

import java.io.IOException;

/** The browser's end of a terminal, as the WebSocket endpoint provides it. */
public interface BrowserSide {

  /** Sends one protocol message; blocks while the browser is slow, which slows the node down. */
  void send(String message) throws IOException;

  /** Closes the WebSocket, normally, after the last message. */
  void close();
}
