package dev.outpost.tunnel;

import java.util.Objects;

/**
 * Whom an end-to-end stream belongs to, as the relay verified it when the stream was opened: the
 * user, the cluster whose CA vouched for the user (empty for the relay's own) and the session the
 * relay audits it under. A stream resumes only for a relay that verified the same owner afresh.
 */
public record StreamOwner(String user, String cluster, String session) {
  static final String USER = "user";
  static final String CLUSTER = "cluster";
  static final String SESSION = "session";

  public StreamOwner {
    Objects.requireNonNull(user, USER);
    Objects.requireNonNull(cluster, CLUSTER);
    Objects.requireNonNull(session, SESSION);
  }

  /** The owner named in an OPEN target's fields; missing fields are empty. */
  static StreamOwner of(StreamTarget target) {
    return new StreamOwner(
        target.fields().getOrDefault(USER, ""),
        target.fields().getOrDefault(CLUSTER, ""),
        target.fields().getOrDefault(SESSION, ""));
  }

  @Override
  public String toString() {
    return "user " + user + (cluster.isEmpty() ? "" : " of " + cluster) + ", session " + session;
  }
}
