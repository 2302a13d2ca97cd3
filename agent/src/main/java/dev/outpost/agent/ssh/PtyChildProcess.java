package dev.outpost.agent.ssh;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.WinSize;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A session process on a real pseudo-terminal (pty4j): job control, line editing, resizing. */
final class PtyChildProcess implements ChildProcess {
  private final PtyProcess process;

  private PtyChildProcess(PtyProcess process) {
    this.process = process;
  }

  static PtyChildProcess start(Launch launch, TerminalSize size) throws IOException {
    PtyProcess process =
        new PtyProcessBuilder(launch.command().toArray(String[]::new))
            .setEnvironment(launch.environment())
            .setDirectory(launch.directory().toString())
            .setInitialColumns(size.columns())
            .setInitialRows(size.rows())
            .setConsole(false)
            .start();
    return new PtyChildProcess(process);
  }

  @Override
  public OutputStream stdin() {
    return process.getOutputStream();
  }

  @Override
  public InputStream stdout() {
    return process.getInputStream();
  }

  @Override
  public InputStream stderr() {
    return null;
  }

  @Override
  public boolean hasTerminal() {
    return true;
  }

  @Override
  public void resize(TerminalSize size) {
    if (process.isAlive()) {
      process.setWinSize(new WinSize(size.columns(), size.rows()));
    }
  }

  @Override
  public int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  @Override
  public void terminate() {
    if (process.isAlive()) {
      process.destroy();
    }
    closeQuietly(process.getOutputStream());
    closeQuietly(process.getInputStream());
  }

  private static void closeQuietly(AutoCloseable stream) {
    try {
      stream.close();
    } catch (Exception e) {
      // already closed by the other side; nothing left to release
    }
  }
}
