package dev.outpost.agent.recording;

import dev.outpost.agent.ssh.TerminalRecorder;
import dev.outpost.agent.ssh.TerminalSize;
import dev.outpost.api.cast.AsciicastWriter;
import java.io.IOException;
import java.time.Clock;
import java.util.UUID;

/** One terminal session being spooled; when it closes, the upload is told at once. */
final class AsciicastRecorder implements TerminalRecorder {
  private final UUID id;
  private final AsciicastWriter writer;
  private final RecordingSpool spool;
  private final Clock clock;
  private final Runnable ended;
  private boolean closed;

  AsciicastRecorder(UUID id, AsciicastWriter writer, RecordingSpool spool, Clock clock,
      Runnable ended) {
    this.id = id;
    this.writer = writer;
    this.spool = spool;
    this.clock = clock;
    this.ended = ended;
  }

  @Override
  public synchronized void output(byte[] data, int offset, int length) throws IOException {
    writer.output(data, offset, length);
  }

  @Override
  public synchronized void resize(TerminalSize size) throws IOException {
    writer.resize(size.columns(), size.rows());
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    writer.close();
    spool.finish(id, clock.instant());
    ended.run();
  }
}
