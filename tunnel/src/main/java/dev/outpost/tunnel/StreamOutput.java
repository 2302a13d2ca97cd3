package dev.outpost.tunnel;

import dev.outpost.tunnel.frame.Frame;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Bytes to the peer on one stream, cut into DATA frames no larger than the peer accepts and no more
 * than its credit. {@code write} blocks while there is no credit; it returns once the bytes are
 * queued (copied), not when they reach the peer. Meant for one writer at a time.
 */
final class StreamOutput extends OutputStream {
  private final int streamId;
  private final SendCredit credit;
  private final int maxChunk;
  private final Outbox outbox;
  private final Runnable onClosed;
  private boolean closed;

  StreamOutput(int streamId, SendCredit credit, int maxChunk, Outbox outbox, Runnable onClosed) {
    this.streamId = streamId;
    this.credit = credit;
    this.maxChunk = maxChunk;
    this.outbox = outbox;
    this.onClosed = onClosed;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] source, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, source.length);
    int position = offset;
    int remaining = length;
    while (remaining > 0) {
      if (closed) {
        throw new IOException("stream output is closed");
      }
      int chunk = credit.acquire(Math.min(remaining, maxChunk));
      outbox.data(
          new Frame.Data(streamId, ByteBuffer.wrap(source, position, chunk)),
          maxChunk,
          () -> credit.sent(chunk));
      position += chunk;
      remaining -= chunk;
    }
  }

  /** Half-closes: the peer reads end of stream after the bytes already written. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!credit.failed()) {
      outbox.control(new Frame.Close(streamId));
    }
    onClosed.run();
  }
}
