package dev.outpost.web.clusters;

import dev.outpost.api.AuditEventView;
import dev.outpost.application.TrustedClusterService;
import dev.outpost.tunnel.TunnelStream;
import dev.outpost.web.rest.JsonbResolver;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * On a leaf that forwards its audit events: writes this cluster's events from a point in time on,
 * oldest first, one JSON object per line, and keeps following the log. An empty line every
 * {@link #FOLLOW_INTERVAL} while nothing happens tells a dead stream from a quiet log, so the
 * follower ends with its tunnel.
 */
final class AuditFollower {
  static final Duration FOLLOW_INTERVAL = Duration.ofSeconds(2);

  private final TrustedClusterService clusters;

  AuditFollower(TrustedClusterService clusters) {
    this.clusters = clusters;
  }

  /** Runs until the stream fails; {@code from} is inclusive, events repeated there are skipped. */
  void follow(TunnelStream stream, Instant from) {
    Instant cursor = from;
    Set<UUID> sentAtCursor = new HashSet<>();
    try (OutputStream out = stream.output()) {
      while (true) {
        List<AuditEventView> page = clusters.eventsSince(cursor);
        int sent = 0;
        for (AuditEventView event : page) {
          if (event.time().equals(cursor) && sentAtCursor.contains(event.id())) {
            continue;
          }
          if (!event.time().equals(cursor)) {
            cursor = event.time();
            sentAtCursor.clear();
          }
          sentAtCursor.add(event.id());
          out.write((JsonbResolver.wire().toJson(event) + "\n").getBytes(StandardCharsets.UTF_8));
          sent++;
        }
        if (sent == 0) {
          out.write('\n');
          out.flush();
          Thread.sleep(FOLLOW_INTERVAL.toMillis());
        } else {
          out.flush();
        }
      }
    } catch (IOException e) {
      stream.reset("audit forwarding stopped: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stream.reset("audit forwarding stopped: the proxy is shutting down");
    }
  }
}
