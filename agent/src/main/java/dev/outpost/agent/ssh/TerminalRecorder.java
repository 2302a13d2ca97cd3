package dev.outpost.agent.ssh;

import java.io.IOException;

/** Takes what a terminal session shows, as it happens. */
public interface TerminalRecorder extends AutoCloseable {

  TerminalRecorder NONE = new TerminalRecorder() {
    @Override
    public void output(byte[] data, int offset, int length) {}

    @Override
    public void resize(TerminalSize size) {}

    @Override
    public void close() {}
  };

  /** Bytes the session's process wrote to the terminal. */
  void output(byte[] data, int offset, int length) throws IOException;

  void resize(TerminalSize size) throws IOException;

  /** The session ended: the recording is complete. */
  @Override
  void close() throws IOException;
}
