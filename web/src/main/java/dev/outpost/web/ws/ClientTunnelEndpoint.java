package dev.outpost.web.ws;

import dev.outpost.application.TunnelAuthService;
import dev.outpost.application.tunnel.VerifiedUser;
import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.TunnelAuthenticator;
import dev.outpost.tunnel.TunnelConnection;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/**
 * Where users' clients connect: the client proves its user identity with its user certificate,
 * then opens one stream per SSH connection, each relayed to a node after an access decision.
 */
@Dependent
public class ClientTunnelEndpoint extends TunnelEndpoint {
  static final String PATH = "/api/v1/tunnel/client";

  @Inject TunnelAuthService auth;
  @Inject SshRelay relay;

  @Override
  Peer peer(String remoteAddress) {
    return new Peer() {
      private volatile VerifiedUser user;

      @Override
      public TunnelAuthenticator.Verifier verifier() {
        return (nonce, credential) -> {
          user = auth.verifyUser(nonce, credential, remoteAddress);
          return user.identity().user();
        };
      }

      @Override
      public StreamAcceptor acceptor() {
        return target -> relay.accept(user, target, remoteAddress);
      }

      @Override
      public void authenticated(String identity, TunnelConnection connection) {
        // Nothing to register: a client tunnel lives only as long as its SSH connections.
      }
    };
  }
}
