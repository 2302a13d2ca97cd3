package dev.outpost.cli.ssh;

import dev.outpost.cli.CliException;
import dev.outpost.client.http.ProxyAddress;
import dev.outpost.client.http.ProxyConnectionException;
import dev.outpost.tunnel.ParkedStreams;
import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.StreamKey;
import dev.outpost.tunnel.StreamTarget;
import dev.outpost.tunnel.TunnelConnection;
import dev.outpost.tunnel.TunnelSettings;
import dev.outpost.tunnel.TunnelStream;
import dev.outpost.tunnel.ws.WebSocketDialer;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;

/**
 * Like {@link NodeConnection}, with the stream end to end: should the proxy go away (a restart),
 * the stream waits, its reader and writer (OpenSSH) never notice, while this side dials the proxy
 * again, authenticating afresh with the user certificate, and resumes it there. It gives up when
 * the stream stops waiting: the grace ran out, or the proxy or the node refused the resume (the
 * stream then fails with the reason).
 */
public final class ResumingNodeConnection implements AutoCloseable {
  private static final Duration FIRST_RETRY = Duration.ofMillis(250);
  private static final Duration MAX_RETRY = Duration.ofSeconds(5);

  private final Dialing dialing;
  private final ParkedStreams parked;
  private final TunnelStream stream;
  private final StreamKey key;
  private final String resumeTarget;
  private volatile TunnelConnection tunnel;
  private volatile boolean closing;

  /** Dials the proxy once more, as the same user. */
  private record Dialing(SSLContext tls, ProxyAddress proxy, TunnelSettings settings,
      SshIdentity identity, ParkedStreams parked, Duration timeout) {
    TunnelConnection dial() throws IOException {
      return WebSocketDialer.dial(proxy.wss(NodeConnection.CLIENT_TUNNEL_PATH), tls, settings,
          identity.prover(), StreamAcceptor.REFUSE_ALL, null, parked, timeout);
    }
  }

  private ResumingNodeConnection(Dialing dialing, TunnelConnection tunnel, TunnelStream stream) {
    this.dialing = dialing;
    this.parked = dialing.parked();
    this.tunnel = tunnel;
    this.stream = stream;
    StreamTarget accepted = StreamTarget.parse("?" + stream.acceptedAs());
    String named = accepted.fields().get("key");
    this.key = named == null ? null : new StreamKey(named);
    this.resumeTarget = "resume?key=" + named + "&session=" + accepted.field("session");
  }

  /** Dials the proxy and opens the end-to-end stream {@code ssh:LOGIN@NODE:PORT?end-to-end}. */
  public static ResumingNodeConnection open(
      ProxyAddress proxy, SSLContext tls, SshIdentity identity, SshTarget target, Duration timeout)
      throws CliException {
    TunnelSettings settings = TunnelSettings.defaults();
    ParkedStreams parked = new ParkedStreams(settings, ParkedStreams.Listener.NONE);
    Dialing dialing = new Dialing(tls, proxy, settings, identity,
        parked, timeout);
    TunnelConnection tunnel;
    try {
      tunnel = dialing.dial();
    } catch (IOException e) {
      throw CliException.failure(ProxyConnectionException.of(proxy, e).getMessage(), e);
    }
    TunnelStream stream = NodeConnection.openOn(tunnel, proxy, target,
        () -> tunnel.openEndToEnd(target.streamTarget() + "?end-to-end"));
    ResumingNodeConnection connection = new ResumingNodeConnection(dialing, tunnel, stream);
    connection.watch(tunnel);
    return connection;
  }

  public TunnelStream stream() {
    return stream;
  }

  @Override
  public void close() {
    closing = true;
    stream.close();
    tunnel.close("done");
  }

  private void watch(TunnelConnection current) {
    current.closed().thenRun(() -> {
      if (!closing && key != null && parked.holds(key)) {
        Thread resuming = new Thread(this::resume, "outpost-resume");
        resuming.setDaemon(true);
        resuming.start();
      }
    });
  }

  /** Dials again with backoff (full jitter) until the stream resumes or stops waiting. */
  private void resume() {
    Duration wait = FIRST_RETRY;
    while (!closing && parked.holds(key)) {
      try {
        Thread.sleep(ThreadLocalRandom.current().nextLong(wait.toMillis() + 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try {
        TunnelConnection next = dialing.dial();
        try {
          next.resumeEndToEnd(resumeTarget, key);
        } catch (IOException e) {
          next.close("resume failed: " + e.getMessage());
          throw e;
        }
        tunnel = next;
        watch(next);
        return;
      } catch (IOException e) {
        wait = wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2);
      }
    }
  }
}
