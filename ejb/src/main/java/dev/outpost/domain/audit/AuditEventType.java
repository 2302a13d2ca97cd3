package dev.outpost.domain.audit;

import dev.outpost.domain.shared.OutpostException;

/**
 * Everything Outpost audits, a closed set. The wire name is also what the database stores and what
 * users filter by. Types marked "agent" are emitted on the node and reach the proxy through the
 * agent's at-least-once event upload.
 */
public enum AuditEventType {
  USER_LOGIN("user.login"),
  USER_LOGIN_FAILURE("user.login.failure"),
  WEB_LOGIN("web.login"),
  USER_LOGOUT("user.logout"),
  USER_CREATE("user.create"),
  USER_UPDATE("user.update"),
  USER_DELETE("user.delete"),
  INVITE_ACCEPT("user.invite.accept"),
  ROLE_CREATE("role.create"),
  MFA_ENROLL("user.mfa.enroll"),
  TOKEN_CREATE("token.create"),
  TOKEN_DELETE("token.delete"),
  JOIN("join"),
  /** A leaf cluster joined this one (on the root). */
  CLUSTER_JOIN("cluster.join"),
  /** A trusted cluster was removed (on either side). */
  CLUSTER_DELETE("cluster.delete"),
  /** A user of this cluster went on into a leaf cluster, whose own audit log has the rest. */
  CLUSTER_CROSS("cluster.cross"),
  CERT_RENEW("cert.renew"),
  /** A new key signs for the user or host CA; the previous one stays trusted for the grace. */
  CA_ROTATE("ca.rotate"),
  TUNNEL_AUTH("tunnel.auth"),
  NODE_ONLINE("node.online"),
  NODE_OFFLINE("node.offline"),
  NODE_DELETE("node.delete"),
  ACCESS_DENIED("access.denied"),
  SESSION_START("session.start"),
  SESSION_END("session.end"),
  ROLE_UPDATE("role.update"),
  ROLE_DELETE("role.delete"),
  LOCK_CREATE("lock.create"),
  LOCK_DELETE("lock.delete"),
  SESSION_TERMINATE("session.terminate"),
  /** Audit events and recordings older than their retention were deleted: how many, up to when. */
  RETENTION_DELETE("retention.delete"),
  /** One Kubernetes API request forwarded to a cluster: verb, resource, namespace, status. */
  KUBE_REQUEST("kube.request"),
  /** A node registered the Kubernetes cluster its agent reaches. */
  KUBE_REGISTER("kube.register"),
  /** A user opened a web app in the browser (or with a client certificate): an app session. */
  APP_SESSION_START("app.session.start"),
  /** One request through the app proxy (method, path, status), sampled by configuration. */
  APP_REQUEST("app.request"),
  SSO_CREATE("sso.create"),
  SSO_UPDATE("sso.update"),
  SSO_DELETE("sso.delete"),
  /** Agent: a command run without a terminal ({@code ssh node COMMAND}). */
  EXEC("exec"),
  /** Agent: an scp transfer, with the path. */
  SCP("scp"),
  /** Agent: an sftp subsystem session. */
  SFTP("sftp"),
  /** Agent: a port forwarding request (refused by the built-in server). */
  PORT_FORWARD("port_forward"),
  /** Agent: a terminal the node could not record (refused, or run unrecorded when best-effort). */
  RECORDING_FAILURE("recording.failure");

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
