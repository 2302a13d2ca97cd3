package dev.outpost.web.ws;

import dev.outpost.application.TrustedClusterService;
import dev.outpost.application.TunnelAuthService;
import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.StreamRefusedException;
import dev.outpost.tunnel.TunnelAuthenticator;
import dev.outpost.tunnel.TunnelConnection;
import dev.outpost.web.clusters.LeafTunnels;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/**
 * Where leaf clusters keep their tunnel to this root: the leaf's proxy proves itself with the
 * tunnel certificate this cluster issued when it joined; the root then opens streams towards the
 * leaf. A leaf that opens a stream towards the root is refused, and the attempt audited: a leaf
 * never reaches the root's nodes.
 */
@Dependent
public class ClusterTunnelEndpoint extends TunnelEndpoint {
  public static final String PATH = "/api/v1/tunnel/cluster";
  private static final int MAX_AUDITED_TARGET = 200;

  @Inject TunnelAuthService auth;
  @Inject TrustedClusterService clusters;
  @Inject LeafTunnels tunnels;

  @Override
  Peer peer(String remoteAddress) {
    return new Peer() {
      private volatile String leaf;

      @Override
      public TunnelAuthenticator.Verifier verifier() {
        return (nonce, credential) -> {
          leaf = auth.verifyLeaf(nonce, credential, remoteAddress);
          return leaf;
        };
      }

      @Override
      public StreamAcceptor acceptor() {
        return target -> {
          clusters.leafStreamRefused(leaf, printable(target));
          throw new StreamRefusedException("a leaf cluster may not open streams towards its root");
        };
      }

      @Override
      public void authenticated(String name, TunnelConnection connection) {
        tunnels.register(name, connection, remoteAddress);
      }
    };
  }

  private static String printable(String target) {
    String cut = target.length() > MAX_AUDITED_TARGET ? target.substring(0, MAX_AUDITED_TARGET) + "…" : target;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
