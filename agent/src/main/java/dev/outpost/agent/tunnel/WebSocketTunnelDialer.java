package dev.outpost.agent.tunnel;

import dev.outpost.agent.identity.CurrentIdentity;
import dev.outpost.agent.identity.NodeIdentity;
import dev.outpost.client.http.ProxyAddress;
import dev.outpost.client.http.ProxyConnectionException;
import dev.outpost.client.tunnel.CertificateProver;
import dev.outpost.client.tunnel.TunnelDialer;
import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.ParkedStreams;
import dev.outpost.tunnel.StreamSession;
import dev.outpost.tunnel.Tunnel;
import dev.outpost.tunnel.TunnelSettings;
import dev.outpost.tunnel.ws.WebSocketDialer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/**
 * Dials {@code wss://PROXY/api/v1/tunnel/agent} and proves the node's identity with the host
 * certificate in force at that moment, so that a renewed certificate is used from the next
 * reconnect on. Every dial carries the same {@link StreamSession}: SSH sessions of a lost tunnel
 * resume on the next one, if it comes within the grace period. Each connect logs the session's id
 * (not a secret: the proxy hands a session only to the node that owns it) and the streams it
 * carries on. Should the proxy no longer know the session (it restarted), the end-to-end streams
 * of stock {@code ssh} through {@code outpost proxy ssh} wait in {@link ParkedStreams} for their
 * clients to resume them through the new proxy.
 */
public final class WebSocketTunnelDialer implements TunnelDialer {
  static final String AGENT_TUNNEL_PATH = "/api/v1/tunnel/agent";
  static final Duration DIAL_TIMEOUT = Duration.ofSeconds(20);
  private static final Logger LOG = Logger.getLogger(WebSocketTunnelDialer.class.getName());

  private final ProxyAddress proxy;
  private final URI endpoint;
  private final SSLContext tls;
  private final CurrentIdentity identity;
  private final StreamAcceptor acceptor;
  private final TunnelSettings settings;
  private final StreamSession session;
  private final ParkedStreams parked;

  public WebSocketTunnelDialer(
      ProxyAddress proxy,
      SSLContext tls,
      CurrentIdentity identity,
      StreamAcceptor acceptor,
      TunnelSettings settings) {
    this.proxy = proxy;
    this.endpoint = proxy.wss(AGENT_TUNNEL_PATH);
    this.tls = tls;
    this.identity = identity;
    this.acceptor = acceptor;
    this.settings = settings;
    this.session = StreamSession.dialing(settings);
    this.parked = new ParkedStreams(settings, (key, claimant, reason) ->
        LOG.warning(() -> "refused to resume SSH stream " + key + " for " + claimant + ": " + reason));
  }

  /**
   * @throws ProxyConnectionException one line naming the proxy and what failed: connecting, TLS
   *     trust, the upgrade, or the handshake (with the proxy's reason)
   */
  @Override
  public Tunnel dial() throws ProxyConnectionException {
    NodeIdentity current = identity.get();
    CertificateProver prover = new CertificateProver(current.hostKey(), current.hostCertificate().line());
    try {
      Tunnel tunnel = WebSocketDialer.dial(
          endpoint, tls, settings, prover, acceptor, session, parked, DIAL_TIMEOUT);
      int carried = session.streams();
      int waiting = parked.size();
      LOG.info(() -> "tunnel session " + session.id()
          + (carried == 0 ? "" : ", resuming " + carried + " streams")
          + (waiting == 0 ? "" : ", " + waiting + " streams wait for their clients to resume them"));
      return tunnel;
    } catch (IOException e) {
      throw ProxyConnectionException.of(proxy, e);
    }
  }
}
