package dev.outpost.agent.ssh;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.WinSize;
import java.io.IOException;
import java.io.InputStream;

/** A session process on a real pseudo-terminal (pty4j): job control, line editing, resizing. */
final class PtyChildProcess extends AbstractChildProcess<PtyProcess> {

  private PtyChildProcess(PtyProcess process) {
    super(process);
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
  public void terminate() {
    if (process.isAlive()) {
      process.destroy();
    }
    closeQuietly(process.getOutputStream());
    closeQuietly(process.getInputStream());
  }
}
