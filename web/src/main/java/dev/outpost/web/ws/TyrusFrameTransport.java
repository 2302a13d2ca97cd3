package dev.outpost.web.ws;

import dev.outpost.tunnel.FrameTransport;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
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

  /** The basic remote allows one send at a time; the lock keeps concurrent streams orderly. */
  @Override
  public void send(ByteBuffer frame) throws IOException {
    synchronized (session) {
      session.getBasicRemote().sendBinary(frame);
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
