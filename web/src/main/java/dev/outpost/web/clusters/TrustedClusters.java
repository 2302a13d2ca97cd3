package dev.outpost.web.clusters;

import dev.outpost.api.ClusterInfo;
import dev.outpost.api.ClusterJoinResponse;
import dev.outpost.api.ClusterTrustRequest;
import dev.outpost.api.TrustedCaKeys;
import dev.outpost.api.TrustedClusterView;
import dev.outpost.application.ClusterService;
import dev.outpost.application.TrustedClusterService;
import dev.outpost.application.clusters.RootTrusts;
import dev.outpost.client.http.ApiClient;
import dev.outpost.client.http.ApiException;
import dev.outpost.client.http.ProxyAddress;
import dev.outpost.client.tls.CaPin;
import dev.outpost.client.tls.TlsContexts;
import dev.outpost.domain.cluster.RootCluster;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.UserIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The trusted clusters as the REST API shows and changes them: listing with live tunnel state,
 * a leaf joining a root (the call to the root is made here, between the two steps of {@link
 * RootTrusts}), and removing a trust together with its tunnel.
 */
@ApplicationScoped
public class TrustedClusters {
  @Inject TrustedClusterService clusters;
  @Inject ClusterService self;
  @Inject LeafTunnels leaves;
  @Inject RootLinks roots;
  @Inject Clock clock;

  /** This cluster, then its leaves, then the roots it joined. */
  public List<TrustedClusterView> list() {
    ClusterInfo info = self.info();
    List<TrustedClusterView> views = new ArrayList<>();
    Instant now = clock.instant();
    views.add(TrustedClusterView.of(info.cluster(), "self", true, null, info.hostCaKeys()));
    clusters.leaves().forEach(leaf -> views.add(TrustedClusterView.of(leaf.name(), "leaf",
        leaves.find(leaf.name()).isPresent(), leaf.lastSeen().orElse(null),
        TrustedCaKeys.trustedAt(leaf.cas().hostCaKeys(), now))));
    clusters.roots().forEach(root -> views.add(TrustedClusterView.of(root.name(), "root",
        roots.isConnected(root.name()), null, TrustedCaKeys.trustedAt(root.cas().hostCaKeys(), now))));
    return views;
  }

  /**
   * Joins the root at {@code request.proxy()} and starts the tunnel to it.
   *
   * @throws OutpostException BAD_REQUEST for a malformed address or pin, UNAVAILABLE when the
   *     root cannot be reached, the root's refusal otherwise
   */
  public TrustedClusterView joinRoot(UserIdentity admin, ClusterTrustRequest request) {
    RootTrusts.JoinOffer offer = clusters.offerToRoot(admin, request);
    ProxyAddress proxy;
    try {
      proxy = ProxyAddress.parse(request.proxy());
      CaPin.parse(request.caPin());
    } catch (IllegalArgumentException e) {
      throw OutpostException.badRequest(e.getMessage());
    }
    ClusterJoinResponse answer;
    try {
      answer = new ApiClient(proxy, TlsContexts.pinned(request.caPin()).context())
          .post("/api/v1/clusters/join", offer.request(), ClusterJoinResponse.class);
    } catch (ApiException e) {
      throw OutpostException.badRequest("the root refused: " + e.getMessage());
    } catch (IOException e) {
      throw OutpostException.unavailable("cannot reach the root at " + proxy + ": " + e.getMessage());
    }
    RootCluster root = clusters.trustRoot(admin, request, offer, answer);
    roots.connect(root);
    return TrustedClusterView.of(root.name(), "root", false, null, root.cas().hostCaKeys());
  }

  /** Ends the trust in {@code name} and its tunnel, on either side. */
  public void remove(UserIdentity admin, String name) {
    String kind = clusters.remove(admin, name);
    if (kind.equals("leaf")) {
      leaves.disconnect(name, "the root no longer trusts cluster " + name);
    } else {
      roots.disconnect(name);
    }
  }
}
