package dev.outpost.application.apps;

import dev.outpost.application.access.ClientCertificate;
import dev.outpost.ca.CertificateAuthorities;
import dev.outpost.ca.TlsPublicKeys;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.role.AccessDecision;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.domain.user.UserRepository;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Web apps for scripts: a client certificate from the cluster's TLS CA ({@code outpost apps login})
 * opens the apps the user's roles allow, without a browser session. The TLS handshake proves the
 * key; here the certificate must be our CA's, valid now, for this cluster, of a user that still
 * exists, whose roles allow the app at the time of the request.
 */
public final class AppCertificates {

  private final Supplier<CertificateAuthorities> cas;
  private final UserRepository users;
  private final AppSessions sessions;
  private final AuditRecorder audit;
  private final Clock clock;

  public AppCertificates(Supplier<CertificateAuthorities> cas, UserRepository users,
      AppSessions sessions, AuditRecorder audit, Clock clock) {
    this.cas = cas;
    this.users = users;
    this.sessions = sessions;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * A client certificate for {@code user}, valid as long as their session, after checking that the
   * roles allow {@code app}; audited as {@code app.session.start} (by the leaf, for an app of a
   * leaf cluster, see {@link #sessionOf}).
   *
   * @param tlsPublicKey base64 DER SubjectPublicKeyInfo
   * @return the certificate in PEM
   */
  public String issue(UserIdentity user, PublishedApp app, String tlsPublicKey,
      String remoteAddr) {
    sessions.requireAllowed(user, app, remoteAddr);
    Instant now = clock.instant();
    Duration ttl = Duration.between(now, user.expires());
    if (ttl.isNegative() || ttl.isZero()) {
      throw OutpostException.unauthenticated("session expired; log in again");
    }
    String pem;
    try {
      pem = cas.get().issueClientCertificate(TlsPublicKeys.parse(tlsPublicKey), user.user(), now,
          ttl);
    } catch (IllegalArgumentException e) {
      throw OutpostException.badRequest(e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot issue a client certificate", e);
    }
    if (!app.inLeaf()) {
      audit.record(AuditRecord.success(AuditEventType.APP_SESSION_START).actor(user.user())
          .target(app.name()).node(app.node()).remoteAddr(remoteAddr)
          .message("client certificate valid until " + user.expires()));
    }
    return pem;
  }

  /**
   * The caller behind a client certificate the TLS handshake accepted.
   *
   * @throws OutpostException UNAUTHENTICATED for a certificate that is not a valid user
   *     certificate of this cluster, FORBIDDEN when the roles do not allow the app
   */
  public AppCaller authenticate(X509Certificate certificate, PublishedApp app) {
    CertificateAuthorities authorities = cas.get();
    String name = ClientCertificate.user(new X509Certificate[] {certificate},
        authorities.tls().certificate(), authorities.cluster(), clock.instant());
    User user = users.findByName(name).filter(u -> !u.isDeleted())
        .orElseThrow(() -> OutpostException.unauthenticated("client certificate of an unknown user"));
    UserIdentity identity = user.identity(certificate.getNotAfter().toInstant());
    AccessDecision decision = sessions.decide(identity, app);
    if (!decision.allowed()) {
      throw OutpostException.forbidden(decision.reason());
    }
    return new AppCaller(identity, sessionOf(certificate));
  }

  /** The app session of a client certificate's requests, named by its serial number. */
  public static UUID sessionOf(X509Certificate certificate) {
    return UUID.nameUUIDFromBytes(certificate.getSerialNumber().toByteArray());
  }
}
