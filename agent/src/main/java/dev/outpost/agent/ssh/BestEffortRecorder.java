package dev.outpost.agent.ssh;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * A recording under {@code record_session: best-effort}: when it fails midway it stops, and the
 * session goes on unrecorded; {@code failed} hears of it once, to audit it.
 */
final class BestEffortRecorder implements TerminalRecorder {
  private final TerminalRecorder recording;
  private final Consumer<IOException> failed;
  private volatile boolean stopped;

  BestEffortRecorder(TerminalRecorder recording, Consumer<IOException> failed) {
    this.recording = recording;
    this.failed = failed;
  }

  @Override
  public void output(byte[] data, int offset, int length) {
    if (!stopped) {
      try {
        recording.output(data, offset, length);
      } catch (IOException e) {
        stop(e);
      }
    }
  }

  @Override
  public void resize(TerminalSize size) {
    if (!stopped) {
      try {
        recording.resize(size);
      } catch (IOException e) {
        stop(e);
      }
    }
  }

  @Override
  public void close() throws IOException {
    recording.close();
  }

  private synchronized void stop(IOException cause) {
    if (!stopped) {
      stopped = true;
      failed.accept(cause);
    }
  }
}
