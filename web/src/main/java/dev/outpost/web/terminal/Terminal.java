package dev.outpost.web.terminal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One browser terminal with its shell on a node: the shell's output goes to the browser as
 * {@code data} messages (decoded as UTF-8 across chunk boundaries), the browser's input and
 * window changes go to the shell. It ends once, for the first reason: the shell exits, the node
 * connection breaks, the browser goes away, or the user closes it.
 */
public final class Terminal {

  private final UUID session;
  private final String user;
  private final String node;
  private final String login;
  private final Instant started;
  private final NodeShell shell;
  private final BrowserSide browser;
  private final TypedAhead typed;
  private final Consumer<Terminal> ended;
  private final AtomicBoolean over = new AtomicBoolean();
  private final AtomicLong bytesIn = new AtomicLong();
  private final AtomicLong bytesOut = new AtomicLong();

  /** @param writers where typed input is written to the shell, off the caller's thread */
  Terminal(UUID session, String user, String node, String login, Instant started, NodeShell shell,
      BrowserSide browser, Executor writers, Consumer<Terminal> ended) {
    this.session = session;
    this.user = user;
    this.node = node;
    this.login = login;
    this.started = started;
    this.shell = shell;
    this.browser = browser;
    this.typed = new TypedAhead(shell.input(), writers,
        why -> end("connection to " + node + " lost: " + why));
    this.ended = ended;
  }

  public UUID session() {
    return session;
  }

  public String user() {
    return user;
  }

  public String node() {
    return node;
  }

  public String login() {
    return login;
  }

  public Instant started() {
    return started;
  }

  /** Bytes typed into the session and bytes it printed, so far. */
  public long bytesIn() {
    return bytesIn.get();
  }

  public long bytesOut() {
    return bytesOut.get();
  }

  /** What the user typed or pasted. */
  public void input(String data) {
    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
    if (typed.offer(bytes)) {
      bytesIn.addAndGet(bytes.length);
    } else {
      end("input overrun: more than " + TypedAhead.LIMIT / (1024 * 1024) + " MiB typed ahead of what "
          + node + " accepted");
    }
  }

  /** The browser's terminal changed size: so does the PTY. */
  public void resize(TerminalSize size) {
    try {
      shell.resize(size);
    } catch (IOException e) {
      end("connection to " + node + " lost: " + e.getMessage());
    }
  }

  /** Ends the session, telling the browser {@code reason}; only the first call counts. */
  public void end(String reason) {
    if (!over.compareAndSet(false, true)) {
      return;
    }
    shell.close();
    try {
      browser.send(TerminalProtocol.close(reason));
    } catch (IOException gone) {
      // the browser is gone already: nobody is left to tell
    }
    browser.close();
    ended.accept(this);
  }

  public boolean isOver() {
    return over.get();
  }

  /** Copies the shell's output to the browser until the shell ends; runs on its own thread. */
  void pump() {
    char[] chunk = new char[TerminalProtocol.MAX_OUTPUT_CHUNK];
    try (Reader output = new InputStreamReader(shell.output(), StandardCharsets.UTF_8)) {
      int read;
      while ((read = output.read(chunk)) >= 0) {
        String text = new String(chunk, 0, read);
        bytesOut.addAndGet(text.getBytes(StandardCharsets.UTF_8).length);
        browser.send(TerminalProtocol.data(text));
      }
      end(shell.exitStatus().map(status -> "shell exited with status " + status)
          .orElse(shell.failure().map(why -> "connection to " + node + " lost: " + why)
              .orElse("session ended")));
    } catch (IOException e) {
      end(isOver() ? "closed" : "connection lost: " + e.getMessage());
    }
  }
}
