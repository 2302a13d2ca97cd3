package dev.outpost.web.ws;

import dev.outpost.application.TunnelAuthService;
import dev.outpost.application.tunnel.VerifiedUser;
import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.TunnelAuthenticator;
import jakarta.inject.Inject;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Where users' clients connect: the client proves its user identity with its user certificate,
 * then opens one stream per SSH connection, each relayed to a node after an access decision.
 */
@ServerEndpoint(value = "/api/v1/tunnel/client", configurator = NonBrowserConfigurator.class)
public class ClientTunnelEndpoint extends TunnelEndpoint {

  @Inject TunnelAuthService auth;
  @Inject SshRelay relay;
  private volatile VerifiedUser user;

  @Override
  TunnelAuthenticator.Verifier verifier() {
    return (nonce, credential) -> {
      user = auth.verifyUser(nonce, credential, remoteAddress());
      return user.identity().user();
    };
  }

  @Override
  StreamAcceptor acceptor() {
    return target -> relay.accept(user, target, remoteAddress());
  }

  @Override
  void authenticated(String identity) {
    // Nothing to register: a client tunnel lives only as long as its SSH connections.
  }
}
