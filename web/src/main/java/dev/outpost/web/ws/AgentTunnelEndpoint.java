package dev.outpost.web.ws;

import dev.outpost.application.TunnelAuthService;
import dev.outpost.tunnel.SessionRegistry;
import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.TunnelAuthenticator;
import dev.outpost.tunnel.TunnelConnection;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/**
 * Where agents keep their reverse tunnel: the agent proves its node identity with its host
 * certificate; the proxy then opens streams towards it, never the other way round. Agent tunnels
 * are resumable: when one is lost, its SSH streams wait for the node's next tunnel. Connects are
 * let in at the admission rate ({@link AgentTunnelAdmissionFilter}).
 */
@Dependent
public class AgentTunnelEndpoint extends TunnelEndpoint {
  static final String PATH = "/api/v1/tunnel/agent";

  @Inject TunnelAuthService auth;
  @Inject AgentTunnels tunnels;

  @Override
  Peer peer(String remoteAddress) {
    return new Peer() {
      @Override
      public TunnelAuthenticator.Verifier verifier() {
        return (nonce, credential) -> auth.verifyAgent(nonce, credential, remoteAddress);
      }

      @Override
      public StreamAcceptor acceptor() {
        return StreamAcceptor.REFUSE_ALL;
      }

      @Override
      public void authenticated(String node, TunnelConnection connection) {
        tunnels.register(node, connection, remoteAddress);
      }
    };
  }

  @Override
  SessionRegistry sessions() {
    return tunnels.sessions();
  }
}
