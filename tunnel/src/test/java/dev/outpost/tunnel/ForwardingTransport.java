package dev.outpost.tunnel;

import dev.outpost.tunnel.transport.InMemoryTransport;
import java.io.IOException;
import java.nio.ByteBuffer;

/** An in-memory transport passed through, for tests that change one thing about a transport. */
class ForwardingTransport implements FrameTransport {
  final InMemoryTransport transport;

  ForwardingTransport(InMemoryTransport transport) {
    this.transport = transport;
  }

  @Override
  public void start(FrameSink sink) {
    transport.start(
        new FrameSink() {
          @Override
          public void onFrame(ByteBuffer frame) {
            sink.onFrame(frame);
            delivered(frame);
          }

          @Override
          public void onClosed(String reason) {
            closed(sink, reason);
          }
        });
  }

  /** After the sink took {@code frame}. */
  void delivered(ByteBuffer frame) {}

  /** The in-memory transport closed: tells {@code sink}. */
  void closed(FrameSink sink, String reason) {
    sink.onClosed(reason);
  }

  @Override
  public boolean handsOverFrames() {
    return transport.handsOverFrames();
  }

  @Override
  public void send(ByteBuffer frame) throws IOException {
    transport.send(frame);
  }

  @Override
  public void close(String reason) {
    transport.close(reason);
  }
}
