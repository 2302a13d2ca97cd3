package dev.outpost.web.clusters;

import dev.outpost.api.ClusterCas;
import dev.outpost.application.TrustedClusterService;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.tunnel.Tunnel;
import dev.outpost.tunnel.TunnelStream;
import dev.outpost.web.rest.JsonbResolver;
import jakarta.json.bind.JsonbException;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The {@code cas} stream of a cluster tunnel: the root opens it, the leaf writes its {@link
 * ClusterCas} (with the tunnel certificate it presents) as one JSON line, the root keeps them and
 * answers its own (with a new tunnel certificate after a host CA rotation), which the leaf keeps.
 * The root opens one when the leaf connects, after each rotation of its own, and every minute
 * (which is how a rotation on the leaf reaches the root: a leaf opens no streams towards its
 * root).
 */
final class CaExchangeStream {
  static final String SERVICE = "cas";
  private static final int MAX_BYTES = 16 * 1024;

  private CaExchangeStream() {}

  /** On a root: trades CA keys with {@code leaf} over its tunnel; blocks until answered. */
  static void exchange(String leaf, Tunnel tunnel, TrustedClusterService clusters)
      throws IOException {
    try (TunnelStream stream = tunnel.open(SERVICE)) {
      write(stream, clusters.casFromLeaf(leaf, read(stream)));
      stream.output().close();
      stream.input().readAllBytes();
    }
  }

  /** On a leaf: the root's side of the exchange, served. */
  static void answer(String root, TunnelStream stream, TrustedClusterService clusters)
      throws IOException {
    write(stream, clusters.casForRoot(root));
    clusters.casFromRoot(root, read(stream));
    stream.output().close();
  }

  private static void write(TunnelStream stream, ClusterCas cas) throws IOException {
    OutputStream out = stream.output();
    out.write((JsonbResolver.wire().toJson(cas) + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static ClusterCas read(TunnelStream stream) throws IOException {
    String line = BoundedLines.read(stream.input(), MAX_BYTES, "the CA keys");
    if (line == null) {
      throw new EOFException("the stream ended before the CA keys");
    }
    try {
      return JsonbResolver.wire().fromJson(line, ClusterCas.class);
    } catch (JsonbException e) {
      throw OutpostException.badRequest("malformed CA keys: " + e.getMessage());
    }
  }
}
