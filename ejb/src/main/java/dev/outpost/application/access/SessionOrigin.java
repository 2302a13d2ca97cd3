package dev.outpost.application.access;

/**
 * Where an SSH session came from: a client tunnel (ssh, outpost ssh), the web console, or a
 * root cluster's tunnel (a root user's session into this leaf).
 */
public enum SessionOrigin {
  TUNNEL(null),
  WEB("origin=web"),
  TRUSTED_CLUSTER("origin=root cluster");

  private final String auditNote;

  SessionOrigin(String auditNote) {
    this.auditNote = auditNote;
  }

  /** What the session's audit events say about it; null for the default, the client tunnel. */
  String auditNote() {
    return auditNote;
  }
}
