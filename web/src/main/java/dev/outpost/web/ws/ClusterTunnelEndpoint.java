package dev.outpost.web.ws;

import dev.outpost.application.TrustedClusterService;
import dev.outpost.application.TunnelAuthService;
import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.StreamRefusedException;
import dev.outpost.tunnel.TunnelAuthenticator;
import dev.outpost.web.clusters.LeafTunnels;
import jakarta.inject.Inject;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Where leaf clusters keep their tunnel to this root: the leaf's proxy proves itself with the
 * tunnel certificate this cluster issued when it joined; the root then opens streams towards the
 * leaf. A leaf that opens a stream towards the root is refused, and the attempt audited: a leaf
 * never reaches the root's nodes.
 */
@ServerEndpoint(value = ClusterTunnelEndpoint.PATH, configurator = NonBrowserConfigurator.class)
public class ClusterTunnelEndpoint extends TunnelEndpoint {
  public static final String PATH = "/api/v1/tunnel/cluster";
  private static final int MAX_AUDITED_TARGET = 200;

  @Inject TunnelAuthService auth;
  @Inject TrustedClusterService clusters;
  @Inject LeafTunnels tunnels;
  private volatile String leaf;

  @Override
  TunnelAuthenticator.Verifier verifier() {
    return (nonce, credential) -> {
      leaf = auth.verifyLeaf(nonce, credential, remoteAddress());
      return leaf;
    };
  }

  @Override
  StreamAcceptor acceptor() {
    return target -> {
      clusters.leafStreamRefused(leaf, printable(target));
      throw new StreamRefusedException("a leaf cluster may not open streams towards its root");
    };
  }

  @Override
  void authenticated(String name) {
    tunnels.register(name, connection(), remoteAddress());
  }

  private static String printable(String target) {
    String cut = target.length() > MAX_AUDITED_TARGET ? target.substring(0, MAX_AUDITED_TARGET) + "…" : target;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
