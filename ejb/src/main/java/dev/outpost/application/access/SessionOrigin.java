package dev.outpost.application.access;

/** Where an SSH session came from: a client tunnel (ssh, outpost ssh) or the web console. */
public enum SessionOrigin {
  TUNNEL(null),
  WEB("origin=web");

  private final String auditNote;

  SessionOrigin(String auditNote) {
    this.auditNote = auditNote;
  }

  /** What the session's audit events say about it; null for the default, the client tunnel. */
  String auditNote() {
    return auditNote;
  }
}
