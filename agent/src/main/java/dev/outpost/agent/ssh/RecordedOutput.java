package dev.outpost.agent.ssh;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.logging.Logger;

/**
 * A terminal's output on its way to the client, recorded first: the recording holds every byte
 * the client is sent. When the recording fails the session's process is ended (fail closed).
 */
final class RecordedOutput extends FilterOutputStream {
  private static final Logger LOG = Logger.getLogger(RecordedOutput.class.getName());

  private final TerminalRecorder recorder;
  private final ChildProcess process;

  RecordedOutput(OutputStream client, TerminalRecorder recorder, ChildProcess process) {
    super(client);
    this.recorder = recorder;
    this.process = process;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] data, int offset, int length) throws IOException {
    try {
      recorder.output(data, offset, length);
    } catch (IOException e) {
      LOG.warning(() -> "recording failed, ending the session: " + e.getMessage());
      process.terminate();
      throw e;
    }
    out.write(data, offset, length);
  }
}
