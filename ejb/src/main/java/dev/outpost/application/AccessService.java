package dev.outpost.application;

import dev.outpost.api.UserCertificatePermissions;
import dev.outpost.application.access.ResumedSession;
import dev.outpost.application.access.SessionOrigin;
import dev.outpost.application.access.SshAccess;
import dev.outpost.ca.SshKeys;
import dev.outpost.config.OutpostConfig;
import dev.outpost.domain.audit.AuditRepository;
import dev.outpost.domain.lock.Lock;
import dev.outpost.domain.lock.LockRepository;
import dev.outpost.domain.node.NodeRepository;
import dev.outpost.domain.role.RoleDirectory;
import dev.outpost.domain.role.RoleRepository;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.domain.user.UserRepository;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one decision point for sessions to nodes, whichever way they come (CLI and OpenSSH through
 * the client tunnel, the web console's terminal): roles, locks, node state, audit.
 */
@Stateless
public class AccessService {

  /** Long enough to authenticate one SSH connection of a browser terminal. */
  static final Duration WEB_TERMINAL_CERTIFICATE_TTL = Duration.ofMinutes(1);

  @Inject
  private UserRepository users;

  @Inject
  private NodeRepository nodes;

  @Inject
  private RoleRepository roles;

  @Inject
  private LockRepository locks;

  @Inject
  private AuditRepository auditEvents;

  @Inject
  private OutpostConfig config;

  @Inject
  private Clock clock;

  @Inject
  private SecureRandom random;

  @EJB
  private AuditLog audit;

  @EJB
  private CertificateAuthorityService cas;

  private SshAccess access;

  @PostConstruct
  void wire() {
    access = new SshAccess(config.clusterName(), users, nodes, new RoleDirectory(roles), locks,
        auditEvents, audit::record, clock);
  }

  /**
   * Whether {@code user} may log in as {@code login} on {@code node} ({@code NODE} or
   * {@code NODE.CLUSTER}); audited as {@code session.start}.
   *
   * @return the new session's id
   * @throws dev.outpost.domain.shared.OutpostException FORBIDDEN, NOT_FOUND or UNAVAILABLE
   */
  public UUID authorizeSsh(UserIdentity user, String login, String node, String remoteAddr) {
    return access.authorize(user, login, node, remoteAddr);
  }

  /**
   * As {@link #authorizeSsh}, for a root cluster's user whose roles this leaf's role map gave
   * ({@link TrustedClusterService#remoteUser}); audited with {@code origin=root cluster}.
   */
  public UUID authorizeRemoteSsh(UserIdentity remote, String login, String node,
      String remoteAddr) {
    return access.authorizeRemote(remote, login, node, remoteAddr);
  }

  /**
   * A one-minute certificate that speaks for {@code user} towards a leaf cluster, when the user
   * came with a session rather than a certificate (a listing through the REST API): the user's
   * logins and roles now, over a key nobody keeps, since the leaf only reads what it says and who
   * signed it.
   */
  public String delegationCertificate(UserIdentity user) {
    try {
      return cas.authorities().issueUserCertificate(SshKeys.generateEd25519(random).getPublic(),
          user.user(), access.logins(user), access.certificatePermissions(user), clock.instant(),
          WEB_TERMINAL_CERTIFICATE_TTL);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a delegation certificate", e);
    }
  }

  /** What {@code user}'s roles permit in a session, as a certificate of this cluster says it. */
  public UserCertificatePermissions permissions(UserIdentity user) {
    return access.certificatePermissions(user);
  }

  /** The logins {@code user}'s roles allow on some node. */
  public List<String> logins(UserIdentity user) {
    return access.logins(user);
  }

  /**
   * The reason to end a live session of {@code user} on {@code node} now: a lock that covers it.
   */
  public Optional<String> lockReason(String user, String node) {
    return access.lockFor(user, node).map(Lock::reason);
  }

  /**
   * As {@link #authorizeSsh}, for a terminal in the web console: the same decision, audited with
   * {@code origin=web}.
   */
  public UUID authorizeWebTerminal(UserIdentity user, String login, String node,
      String remoteAddr) {
    return access.authorize(user, login, node, remoteAddr, SessionOrigin.WEB);
  }

  /** Audits as {@code session.terminate} that {@code byUser} closed a running session. */
  public void sessionTerminated(UUID sessionId, String byUser) {
    access.terminated(sessionId, byUser);
  }

  /**
   * The certificate of one browser terminal's SSH login, after {@link #authorizeWebTerminal}: for
   * a key pair the proxy made for that session alone, with only the allowed login as principal,
   * valid for one minute (the SSH session outlives it, as with OpenSSH).
   */
  public String webTerminalCertificate(UserIdentity user, PublicKey key, String login) {
    try {
      return cas.authorities().issueUserCertificate(key, user.user(), List.of(login),
          access.certificatePermissions(user), clock.instant(), WEB_TERMINAL_CERTIFICATE_TTL);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a terminal certificate", e);
    }
  }

  /**
   * Whether {@code user} may carry session {@code sessionId} on through this proxy after a
   * restart (its own session, still allowed); refusals audited as {@code access.denied}.
   *
   * @throws dev.outpost.domain.shared.OutpostException FORBIDDEN
   */
  public ResumedSession authorizeResume(UserIdentity user, UUID sessionId, String remoteAddr) {
    return access.authorizeResume(user, sessionId, remoteAddr);
  }

  /** Audits as {@code access.denied} that the node refused {@code user}'s resume of a session. */
  public void resumeRefused(String user, UUID sessionId, String remoteAddr, String reason) {
    access.resumeRefused(user, sessionId, remoteAddr, reason);
  }

  /** Audits the end of a session as {@code session.end}. */
  public void sessionEnded(UUID sessionId, long bytesIn, long bytesOut) {
    access.ended(sessionId, bytesIn, bytesOut, null);
  }

  /**
   * Audits the end of a session as {@code session.end}, saying why it ended when it did not end
   * normally (e.g. the node's link was lost for longer than the resume grace).
   */
  public void sessionEnded(UUID sessionId, long bytesIn, long bytesOut, String reason) {
    access.ended(sessionId, bytesIn, bytesOut, reason);
  }
}
