package dev.outpost.web.clusters;

import dev.outpost.api.AuditEventView;
import dev.outpost.application.TrustedClusterService;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.tunnel.Tunnel;
import dev.outpost.tunnel.TunnelStream;
import dev.outpost.web.rest.JsonbResolver;
import jakarta.json.bind.JsonbException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * On a root: takes the audit events a leaf forwards (when the leaf's admin turned forwarding on)
 * into this cluster's log, filed under the leaf's name, once each. Asks from the newest event it
 * already has, so a reconnect resumes where the last tunnel stopped; the leaf's own log stays
 * complete either way.
 */
final class LeafAuditFeed {
  static final int MAX_EVENT_BYTES = 64 * 1024;
  private static final Logger LOG = Logger.getLogger(LeafAuditFeed.class.getName());

  private final TrustedClusterService clusters;

  LeafAuditFeed(TrustedClusterService clusters) {
    this.clusters = clusters;
  }

  /** Follows {@code leaf}'s events over {@code tunnel} until it closes; blocks. */
  void follow(String leaf, Tunnel tunnel) {
    String from = clusters.forwardedUntil(leaf).toString();
    try (TunnelStream stream = tunnel.open("audit?from=" + URLEncoder.encode(from, StandardCharsets.UTF_8))) {
      InputStream in = stream.input();
      for (String line; (line = BoundedLines.read(in, MAX_EVENT_BYTES, "an audit event")) != null; ) {
        if (!line.isBlank()) {
          keep(leaf, line);
        }
      }
    } catch (IOException e) {
      LOG.fine(() -> "no audit events from leaf cluster " + leaf + ": " + e.getMessage());
    }
  }

  private void keep(String leaf, String line) {
    try {
      clusters.forwarded(leaf, JsonbResolver.wire().fromJson(line, AuditEventView.class));
    } catch (JsonbException | OutpostException e) {
      LOG.warning(() -> "leaf cluster " + leaf + " forwarded a malformed audit event, skipped: "
          + e.getMessage());
    }
  }
}
