package dev.outpost.api;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code POST /api/v1/agent/events}: a batch of a node's audit events.
 *
 * @param proof the node's proof with subject {@link #subject}
 * @param timestamp epoch seconds the proof was made at
 * @param events at most {@link #MAX_EVENTS}
 */
public record NodeEvents(CertificateProof proof, long timestamp, List<NodeEvent> events) {
  public static final int MAX_EVENTS = 100;

  /** Binds the proof to exactly these events. */
  public static String subject(List<NodeEvent> events) {
    return "events:" + events.stream().map(NodeEvent::id).map(UUID::toString)
        .collect(Collectors.joining(","));
  }
}
