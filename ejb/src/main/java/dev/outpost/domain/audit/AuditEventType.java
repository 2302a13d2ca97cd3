package dev.outpost.domain.audit;

import dev.outpost.domain.shared.OutpostException;

/** Everything Outpost audits. The wire name is also what the database stores. */
public enum AuditEventType {
  USER_LOGIN("user.login"),
  USER_LOGOUT("user.logout"),
  USER_CREATE("user.create"),
  USER_DELETE("user.delete"),
  INVITE_ACCEPT("user.invite.accept"),
  MFA_ENROLL("user.mfa.enroll"),
  TOKEN_CREATE("token.create"),
  JOIN("join"),
  CERT_RENEW("cert.renew"),
  TUNNEL_AUTH("tunnel.auth"),
  SESSION_START("session.start"),
  SESSION_END("session.end"),
  ACCESS_DENIED("access.denied"),
  ROLE_CREATE("role.create"),
  ROLE_UPDATE("role.update"),
  ROLE_DELETE("role.delete"),
  LOCK_CREATE("lock.create"),
  LOCK_DELETE("lock.delete");

  private final String wireName;

  AuditEventType(String wireName) {
    this.wireName = wireName;
  }

  /** The name users see and filter by, e.g. {@code session.start}. */
  public String wireName() {
    return wireName;
  }

  public static AuditEventType fromWireName(String name) {
    for (AuditEventType type : values()) {
      if (type.wireName.equals(name)) {
        return type;
      }
    }
    throw OutpostException.badRequest("unknown audit event type '" + name + "'");
  }
}
