package dev.outpost.agent.ssh;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * What the pipe and the pseudo-terminal child have in common: both are a {@link Process} whose
 * stdin, stdout and exit code the channel uses as they are. Subclasses differ in how they start,
 * where stderr goes, resizing and how they end.
 *
 * @param <P> the process type: a plain {@link Process} or pty4j's {@code PtyProcess}
 */
abstract class AbstractChildProcess<P extends Process> implements ChildProcess {
  protected final P process;

  protected AbstractChildProcess(P process) {
    this.process = process;
  }

  @Override
  public final OutputStream stdin() {
    return process.getOutputStream();
  }

  @Override
  public final InputStream stdout() {
    return process.getInputStream();
  }

  @Override
  public final int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  /** Closes one of the process's streams on the way out, when the other side may have already. */
  protected static void closeQuietly(AutoCloseable stream) {
    try {
      stream.close();
    } catch (Exception e) {
      // already closed with the process; nothing left to release
    }
  }
}
