package dev.outpost.it.kube;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "container" of {@code kubectl exec -it POD -- sh} at the API server stand-in: a shell on a
 * terminal, as much of one as the test needs. kubectl puts the user's terminal in raw mode, so
 * the echo of what is typed comes from here, as it would from the container's terminal; a carriage
 * return runs the line: {@code stty size} prints the rows and columns of the last terminal size
 * kubectl sent on channel 4, {@code exit} ends the session, anything else is not found. The first
 * prompt waits for the terminal's first size (kubectl sends it as the session opens), so that the
 * recording's header, not a resize, has it. Each size is also printed to the stand-in's log as
 * {@code RESIZE COLSxROWS}.
 */
final class ExecTerminal {
  private static final Pattern WIDTH = Pattern.compile("\"Width\"\\s*:\\s*(\\d+)");
  private static final Pattern HEIGHT = Pattern.compile("\"Height\"\\s*:\\s*(\\d+)");
  private static final String PROMPT = "$ ";

  private final ExecWebSocket session;
  private final StringBuilder line = new StringBuilder();
  private String rows = "0";
  private String columns = "0";

  ExecTerminal(ExecWebSocket session) {
    this.session = session;
  }

  /** Runs the shell until {@code exit}, or until stdin or the client ends. */
  void run() throws IOException {
    boolean prompted = false;
    for (ExecWebSocket.Message message = session.next(); message != null; message = session.next()) {
      if (message.channel() == ExecWebSocket.RESIZE) {
        resized(new String(message.data(), StandardCharsets.UTF_8));
        if (!prompted) {
          print(PROMPT);
          prompted = true;
        }
      } else if (message.channel() == ExecWebSocket.STDIN && !typed(message.data())) {
        return;
      }
    }
  }

  /** Echoes {@code keys} and runs each finished line; false once the shell exits. */
  private boolean typed(byte[] keys) throws IOException {
    for (byte key : keys) {
      if (key == '\r' || key == '\n') {
        print("\r\n");
        String command = line.toString().strip();
        line.setLength(0);
        if (command.equals("exit")) {
          return false;
        }
        print(answer(command) + PROMPT);
      } else if (key == 0x7f && line.length() > 0) {
        line.setLength(line.length() - 1);
        print("\b \b");
      } else if (key >= 0x20 && key < 0x7f) {
        line.append((char) key);
        print(String.valueOf((char) key));
      }
    }
    return true;
  }

  private String answer(String command) {
    if (command.isEmpty()) {
      return "";
    }
    return command.equals("stty size") ? rows + " " + columns + "\r\n"
        : "sh: " + command + ": not found\r\n";
  }

  private void resized(String json) {
    Matcher width = WIDTH.matcher(json);
    Matcher height = HEIGHT.matcher(json);
    if (width.find() && height.find()) {
      columns = width.group(1);
      rows = height.group(1);
      System.out.println("RESIZE " + columns + "x" + rows);
    }
  }

  private void print(String text) throws IOException {
    session.write(ExecWebSocket.STDOUT, text.getBytes(StandardCharsets.UTF_8));
  }
}
