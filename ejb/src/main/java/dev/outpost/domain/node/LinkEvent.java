package dev.outpost.domain.node;

import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What happened to a node's tunnel on this proxy, as the node registry applies it to the node's
 * row: the proxy queues these and writes many at once, in the order they happened.
 */
public sealed interface LinkEvent {

  /** The node whose tunnel this is. */
  String node();

  /**
   * Applies the event to {@code node}, served through proxy {@code proxy}.
   *
   * @return the audit record of the change, if it is one to audit
   */
  Optional<AuditRecord> applyTo(Node node, String proxy);

  /** The node's agent connected with tunnel {@code tunnel} from {@code remoteAddr}. */
  record Online(String node, UUID tunnel, String remoteAddr, Instant at) implements LinkEvent {
    @Override
    public Optional<AuditRecord> applyTo(Node row, String proxy) {
      row.connected(tunnel, proxy, remoteAddr, at);
      return Optional.of(AuditRecord.success(AuditEventType.NODE_ONLINE).actor(node).node(node)
          .remoteAddr(remoteAddr).message("tunnel " + tunnel + " via " + proxy));
    }
  }

  /** The tunnel was lost; its streams wait for the node, last heard from at {@code lastHeard}. */
  record Lost(String node, UUID tunnel, Instant lastHeard) implements LinkEvent {
    @Override
    public Optional<AuditRecord> applyTo(Node row, String proxy) {
      row.linkLost(tunnel, lastHeard);
      return Optional.empty();
    }
  }

  /** The tunnel closed, or the streams of its lost link stopped waiting, for {@code reason}. */
  record Offline(String node, UUID tunnel, String reason, Instant at) implements LinkEvent {
    @Override
    public Optional<AuditRecord> applyTo(Node row, String proxy) {
      return row.disconnected(tunnel, at)
          ? Optional.of(AuditRecord.success(AuditEventType.NODE_OFFLINE).actor(node).node(node)
              .message("tunnel " + tunnel + " closed: " + reason))
          : Optional.empty();
    }
  }
}
