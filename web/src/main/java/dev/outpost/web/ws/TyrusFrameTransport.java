package dev.outpost.web.ws;

import dev.outpost.tunnel.FrameTransport;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Carries tunnel frames as binary messages of one server-side WebSocket session. */
final class TyrusFrameTransport implements FrameTransport {
  private static final Logger LOG = Logger.getLogger(TyrusFrameTransport.class.getName());
  /** WebSocket close reasons are limited to 123 bytes. */
  private static final int MAX_CLOSE_REASON = 120;

  private final Session session;

  TyrusFrameTransport(Session session) {
    this.session = session;
  }

  /**
   * Sends the frame as one binary message through the basic remote's send stream, which writes it
   * as a fragment and closes the message with an empty final fragment. Not {@code sendBinary}:
   * Payara's Tyrus restarts the session's idle timer on every {@code sendBinary}, scheduling a task
   * on the managed executor, whose context capture scans the class path for service providers; that
   * was a third of the proxy's CPU per relayed byte (docs/performance.md). The send stream skips
   * the timer, and the tunnel keeps its own keep-alive. The basic remote allows one send at a
   * time; the lock keeps concurrent streams orderly.
   */
  @Override
  public void send(ByteBuffer frame) throws IOException {
    synchronized (session) {
      try (OutputStream message = session.getBasicRemote().getSendStream()) {
        if (frame.hasArray()) {
          message.write(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
        } else {
          byte[] bytes = new byte[frame.remaining()];
          frame.duplicate().get(bytes);
          message.write(bytes);
        }
      }
    }
  }

  @Override
  public void close(String reason) {
    if (!session.isOpen()) {
      return;
    }
    String text = reason.length() > MAX_CLOSE_REASON ? reason.substring(0, MAX_CLOSE_REASON) : reason;
    try {
      session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, text));
    } catch (IOException e) {
      LOG.log(Level.FINE, "closing an already broken WebSocket", e);
    }
  }
}
