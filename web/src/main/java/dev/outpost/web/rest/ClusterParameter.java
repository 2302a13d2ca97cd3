package dev.outpost.web.rest;

import dev.outpost.application.ClusterService;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.web.clusters.LeafRelay;
import java.util.Optional;

/** The {@code cluster} query parameter of a listing: this cluster, or one of its leaves. */
final class ClusterParameter {

  private ClusterParameter() {}

  /**
   * The leaf {@code name} names, or empty for this cluster (no name, or its own).
   *
   * @throws OutpostException NOT_FOUND for a name that is neither
   */
  static Optional<String> leaf(String name, ClusterService cluster, LeafRelay leaves) {
    if (name == null || name.isEmpty() || name.equals(cluster.info().cluster())) {
      return Optional.empty();
    }
    if (!leaves.isLeaf(name)) {
      throw OutpostException.notFound("unknown cluster '" + name + "'");
    }
    return Optional.of(name);
  }
}
