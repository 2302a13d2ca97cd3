package dev.outpost.domain.audit;

import dev.outpost.domain.shared.OutpostException;

/** Everything Outpost audits. The wire name is also what the database stores. */
public enum AuditEventType {
  USER_LOGIN("user.login"),
  WEB_LOGIN("web.login"),
  USER_LOGOUT("user.logout"),
  USER_CREATE("user.create"),
  INVITE_ACCEPT("user.invite.accept"),
  TOKEN_CREATE("token.create"),
  JOIN("join"),
  CERT_RENEW("cert.renew"),
  TUNNEL_AUTH("tunnel.auth"),
  SESSION_START("session.start"),
  SESSION_END("session.end"),
  SESSION_TERMINATE("session.terminate");

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
