package dev.outpost.web.terminal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * What a browser typed or pasted, on its way to the shell. Writing to the shell waits for the
 * node's SSH window, and the window's adjustments arrive in tunnel messages that the server's
 * request threads read; so the request thread that received the keystrokes only queues them, and
 * a thread of the terminal's executor writes them, in order. A browser that runs more than {@link
 * #LIMIT} bytes ahead of what the shell accepted is refused rather than buffered without end.
 */
final class TypedAhead {
  static final int LIMIT = 4 * 1024 * 1024;

  private final OutputStream shell;
  private final Executor executor;
  private final Consumer<String> failed;
  private final Deque<byte[]> queue = new ArrayDeque<>();
  private long pending;
  private boolean writing;

  /**
   * @param failed told why once the shell refused a write; nothing is written after that
   */
  TypedAhead(OutputStream shell, Executor executor, Consumer<String> failed) {
    this.shell = shell;
    this.executor = executor;
    this.failed = failed;
  }

  /** Queues {@code bytes}; false, and nothing queued, when {@link #LIMIT} would be passed. */
  synchronized boolean offer(byte[] bytes) {
    if (pending + bytes.length > LIMIT) {
      return false;
    }
    queue.add(bytes);
    pending += bytes.length;
    if (!writing) {
      writing = true;
      executor.execute(this::writeAll);
    }
    return true;
  }

  private void writeAll() {
    try {
      byte[] next;
      while ((next = next()) != null) {
        shell.write(next);
        if (written(next.length)) {
          shell.flush();
        }
      }
    } catch (IOException e) {
      failed.accept(e.getMessage());
    }
  }

  private synchronized byte[] next() {
    byte[] next = queue.poll();
    if (next == null) {
      writing = false;
    }
    return next;
  }

  /** Counts {@code length} bytes as written; true when the queue is empty, so time to flush. */
  private synchronized boolean written(int length) {
    pending -= length;
    return queue.isEmpty();
  }
}
