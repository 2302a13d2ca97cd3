package dev.outpost.agent.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A session process on plain pipes: {@code ssh node cmd}, scp, sftp-server. */
final class PipeChildProcess implements ChildProcess {
  private final Process process;

  private PipeChildProcess(Process process) {
    this.process = process;
  }

  static PipeChildProcess start(Launch launch) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(launch.command()).directory(launch.directory().toFile());
    builder.environment().clear();
    builder.environment().putAll(launch.environment());
    return new PipeChildProcess(builder.start());
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
  public int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  @Override
  public void terminate() {
    process.destroy();
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // the process is gone; its stdin pipe with it
    }
  }
}
