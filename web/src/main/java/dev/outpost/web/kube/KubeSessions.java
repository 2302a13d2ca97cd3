package dev.outpost.web.kube;

import dev.outpost.application.KubeService;
import dev.outpost.application.kube.KubeSession;
import dev.outpost.application.kube.KubeRequest;
import dev.outpost.application.kube.KubeRoute;
import dev.outpost.tunnel.http.HttpHead;
import dev.outpost.web.kube.exec.ExecRecorder;
import dev.outpost.web.upgrade.SplicedUpgrade;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code kubectl exec} and {@code kubectl attach} sessions, recorded like SSH sessions: an
 * interactive request ({@link KubeRequest#isInteractive()}) the API server accepts in a recordable
 * channel protocol gets a session id, a {@code session.start} event, a recording written here at
 * the proxy as it passes, and a {@code session.end} event. Other upgrades (port-forward, SPDY/3.1
 * from older kubectl or kubectl's fallback) pass unrecorded with their {@code kube.request}.
 */
final class KubeSessions {
  private static final Logger LOG = Logger.getLogger(KubeSessions.class.getName());

  private final KubeService kube;
  private final InstantSource clock;

  KubeSessions(KubeService kube, InstantSource clock) {
    this.kube = kube;
    this.clock = clock;
  }

  /** The session an exec or attach started, once the API server accepted it; one per request. */
  static final class Started {
    private KubeSession session;

    /** The session's id, or null when the request began none. */
    UUID id() {
      return session == null ? null : session.id();
    }
  }

  /**
   * The tap that records the exec or attach the API server accepted with {@code accepted}, or
   * none when it is not a recordable one; {@code started} takes the session.
   */
  SplicedUpgrade.Tap recorder(KubeRoute route, KubeRequest request, HttpHead accepted,
      String remoteAddr, Started started) {
    String protocol = accepted.header("Sec-WebSocket-Protocol").orElse("").strip();
    boolean webSocket = accepted.header("Upgrade")
        .filter(upgrade -> Arrays.stream(upgrade.split(",")).map(String::strip)
            .anyMatch("websocket"::equalsIgnoreCase)).isPresent();
    if (!request.isInteractive() || !webSocket || !ExecRecorder.PROTOCOLS.contains(protocol)) {
      return SplicedUpgrade.Tap.NONE;
    }
    KubeSession session = kube.sessionStarted(route, request, remoteAddr);
    started.session = session;
    return new ExecRecorder(new ExecRecorder.Sink() {
      @Override
      public void append(byte[] cast) {
        kube.recorded(session, cast);
      }

      @Override
      public void ended(long bytesIn, long bytesOut, String how) {
        try {
          kube.sessionEnded(route, request, session, remoteAddr, bytesIn, bytesOut, how);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "the end of kube " + request.interaction() + " session " + session.id()
              + " could not be recorded", e);
        }
      }
    }, clock);
  }
}
