package dev.outpost.agent.ssh;

import java.io.IOException;
import java.io.InputStream;

/** A session process on plain pipes: {@code ssh node cmd}, scp, sftp-server. */
final class PipeChildProcess extends AbstractChildProcess<Process> {

  private PipeChildProcess(Process process) {
    super(process);
  }

  static PipeChildProcess start(Launch launch) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(launch.command()).directory(launch.directory().toFile());
    builder.environment().clear();
    builder.environment().putAll(launch.environment());
    return new PipeChildProcess(builder.start());
  }

  @Override
  public InputStream stderr() {
    return process.getErrorStream();
  }

  @Override
  public boolean hasTerminal() {
    return false;
  }

  @Override
  public void resize(TerminalSize size) {
    // no terminal to resize
  }

  @Override
  public void terminate() {
    process.destroy();
    // the process is gone, and its stdin pipe with it
    closeQuietly(process.getOutputStream());
  }
}
