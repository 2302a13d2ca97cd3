package dev.outpost.web.ws;

import dev.outpost.domain.shared.OutpostException;
import dev.outpost.web.terminal.BrowserSide;
import dev.outpost.web.terminal.ClientMessage;
import dev.outpost.web.terminal.Terminal;
import dev.outpost.web.terminal.TerminalProtocol;
import dev.outpost.web.terminal.TerminalSessions;
import dev.outpost.web.terminal.TerminalSize;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.tyrus.core.TyrusSession;

/**
 * A browser terminal: {@code wss /api/v1/console/terminal?node=N&login=L&cols=C&rows=R&csrf=T}.
 * Only upgrades that {@link TerminalUpgradeFilter} let through (own Origin, console session and its
 * CSRF token) arrive with an identity; anything else is closed at once. Speaks {@link
 * TerminalProtocol}; separate from the tunnel endpoints, which refuse browsers.
 */
@ServerEndpoint(TerminalEndpoint.PATH)
public class TerminalEndpoint {
  static final String PATH = "/api/v1/console/terminal";
  private static final Logger LOG = Logger.getLogger(TerminalEndpoint.class.getName());

  /** Messages a browser may send before its shell is ready (a resize, early keystrokes). */
  private static final int MAX_EARLY_MESSAGES = 256;

  @Inject TerminalSessions terminals;
  @Inject SshRelay relay;
  @Inject LiveSessions live;
  private final Object lock = new Object();
  private Terminal terminal;
  private List<String> early = new ArrayList<>();
  private boolean closed;
  private ConsolePrincipal user;

  @OnOpen
  public void open(Session session) {
    session.setMaxTextMessageBufferSize(TerminalProtocol.MAX_MESSAGE);
    BrowserSide browser = new SocketSide(session);
    if (!(session.getUserPrincipal() instanceof ConsolePrincipal principal)) {
      refuse(browser, "not logged in to the console");
      return;
    }
    user = principal;
    Map<String, List<String>> query = session.getRequestParameterMap();
    String remoteAddress = session instanceof TyrusSession tyrus ? tyrus.getRemoteAddr() : null;
    try {
      terminals.openLater(principal.identity(), optional(query, "cluster"), first(query, "node"),
              first(query, "login"), size(query), remoteAddress, relay::openToNode, browser)
          .whenComplete((opened, failure) -> {
            if (failure != null) {
              Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
              refuse(browser, cause.getMessage());
            } else {
              ready(opened);
            }
          });
    } catch (IllegalArgumentException e) {
      refuse(browser, e.getMessage());
    }
  }

  @OnMessage(maxMessageSize = TerminalProtocol.MAX_MESSAGE)
  public void message(String text, Session session) {
    Terminal current;
    synchronized (lock) {
      if (terminal == null) {
        if (early.size() < MAX_EARLY_MESSAGES) {
          early.add(text);
        }
        return;
      }
      current = terminal;
    }
    handle(current, text);
  }

  /** The shell is up: what the browser sent meanwhile goes first, in order. */
  private void ready(Terminal opened) {
    synchronized (lock) {
      if (closed) {
        opened.end("browser disconnected");
        return;
      }
      early.forEach(text -> handle(opened, text));
      early = null;
      terminal = opened;
      // a lock on the user or the node ends the terminal like any SSH session
      live.started(opened.session(), user.getName(), opened.node(), opened::end);
    }
  }

  private void handle(Terminal current, String text) {
    ClientMessage message;
    try {
      message = TerminalProtocol.parse(text);
    } catch (IllegalArgumentException e) {
      current.end("protocol error: " + e.getMessage());
      return;
    }
    if (message instanceof ClientMessage.Data data) {
      current.input(data.data());
    } else if (message instanceof ClientMessage.Resize resize) {
      current.resize(resize.size());
    } else {
      try {
        terminals.terminate(user.getName(), current.session());
      } catch (OutpostException alreadyOver) {
        // the session ended by itself meanwhile: nothing left to close
      }
    }
  }

  @OnClose
  public void close(CloseReason reason) {
    Terminal current;
    synchronized (lock) {
      current = terminal;
      closed = true;
    }
    if (current != null) {
      current.end("browser disconnected");
      live.ended(current.session());
    }
  }

  @OnError
  public void error(Throwable error) {
    LOG.log(Level.FINE, "browser terminal socket failed", error);
    close(null);
  }

  private static void refuse(BrowserSide browser, String message) {
    try {
      browser.send(TerminalProtocol.error(message));
    } catch (IOException gone) {
      // nobody left to tell
    }
    browser.close();
  }

  private static String first(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    if (values == null || values.isEmpty() || values.get(0).isBlank()) {
      throw new IllegalArgumentException("query parameter '" + name + "' is required");
    }
    return values.get(0);
  }

  /** The parameter's value, or null when it is absent or blank. */
  private static String optional(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
  }

  private static TerminalSize size(Map<String, List<String>> query) {
    if (!query.containsKey("cols") || !query.containsKey("rows")) {
      return TerminalSize.DEFAULT;
    }
    try {
      return new TerminalSize(Integer.parseInt(first(query, "cols")),
          Integer.parseInt(first(query, "rows")));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("cols and rows must be numbers");
    }
  }

  /** Text messages of one socket; the basic remote allows one send at a time. */
  private record SocketSide(Session session) implements BrowserSide {
    @Override
    public void send(String message) throws IOException {
      synchronized (session) {
        session.getBasicRemote().sendText(message);
      }
    }

    @Override
    public void close() {
      if (!session.isOpen()) {
        return;
      }
      try {
        session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "terminal closed"));
      } catch (IOException e) {
        LOG.log(Level.FINE, "closing an already broken WebSocket", e);
      }
    }
  }
}
