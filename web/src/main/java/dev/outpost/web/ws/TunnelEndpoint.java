package dev.outpost.web.ws;

import dev.outpost.tunnel.SessionRegistry;
import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.TunnelAuthenticator;
import dev.outpost.tunnel.TunnelConnection;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import org.glassfish.tyrus.core.TyrusSession;

/**
 * What both tunnel endpoints do: adapt one WebSocket session into a {@link TunnelConnection} on
 * the accepting side, and feed it every message. The container makes one instance per connection.
 * Subclasses say how the peer proves itself and which streams it may open. The class is public so
 * that Tyrus sees the annotated methods themselves, not package-access bridges without annotations.
 */
public abstract class TunnelEndpoint {
  /** One frame per message: the largest payload the protocol allows plus its header. */
  static final int MAX_MESSAGE = 1024 * 1024 + 64;

  @Inject TunnelRuntime runtime;
  private TunnelConnection connection;
  private String remoteAddress;

  @OnOpen
  public void open(Session session) {
    session.setMaxBinaryMessageBufferSize(MAX_MESSAGE);
    // The tunnel's keep-alive ends a silent tunnel first; a timeout of Tyrus's own keeps its timer
    // task (on the tunnel's scheduler: TyrusScheduler) waiting in the queue instead of running
    // (empty) after every message.
    session.setMaxIdleTimeout(2 * runtime.settings().idleTimeout().toMillis());
    remoteAddress = session instanceof TyrusSession tyrus ? tyrus.getRemoteAddr() : "unknown";
    connection =
        TunnelConnection.accept(
            new TyrusFrameTransport(session), runtime.settings(), verifier(), acceptor(), sessions());
    connection.handshake().thenAccept(established -> authenticated(established.peerIdentity()));
  }

  @OnMessage(maxMessageSize = MAX_MESSAGE)
  public void message(ByteBuffer frame) {
    connection.onFrame(frame);
  }

  @OnClose
  public void close(CloseReason reason) {
    connection.onClosed(reason.getReasonPhrase().isEmpty() ? reason.getCloseCode().toString() : reason.getReasonPhrase());
  }

  @OnError
  public void error(Throwable error) {
    if (connection != null) {
      connection.onClosed("transport error: " + error.getMessage());
    }
  }

  String remoteAddress() {
    return remoteAddress;
  }

  TunnelConnection connection() {
    return connection;
  }

  abstract TunnelAuthenticator.Verifier verifier();

  abstract StreamAcceptor acceptor();

  /** Where the streams of resumable tunnels wait for their peer to come back; null: not resumable. */
  SessionRegistry sessions() {
    return null;
  }

  /** The peer proved {@code identity}; the tunnel is ready. */
  abstract void authenticated(String identity);
}
