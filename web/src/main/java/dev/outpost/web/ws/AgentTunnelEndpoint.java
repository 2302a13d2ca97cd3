package dev.outpost.web.ws;

import dev.outpost.application.TunnelAuthService;
import dev.outpost.tunnel.SessionRegistry;
import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.TunnelAuthenticator;
import jakarta.inject.Inject;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Where agents keep their reverse tunnel: the agent proves its node identity with its host
 * certificate; the proxy then opens streams towards it, never the other way round. Agent tunnels
 * are resumable: when one is lost, its SSH streams wait for the node's next tunnel. Connects are
 * let in at the admission rate ({@link AgentTunnelAdmissionFilter}).
 */
@ServerEndpoint(value = AgentTunnelEndpoint.PATH, configurator = NonBrowserConfigurator.class)
public class AgentTunnelEndpoint extends TunnelEndpoint {
  static final String PATH = "/api/v1/tunnel/agent";

  @Inject TunnelAuthService auth;
  @Inject AgentTunnels tunnels;

  @Override
  TunnelAuthenticator.Verifier verifier() {
    return (nonce, credential) -> auth.verifyAgent(nonce, credential, remoteAddress());
  }

  @Override
  StreamAcceptor acceptor() {
    return StreamAcceptor.REFUSE_ALL;
  }

  @Override
  SessionRegistry sessions() {
    return tunnels.sessions();
  }

  @Override
  void authenticated(String node) {
    tunnels.register(node, connection(), remoteAddress());
  }
}
