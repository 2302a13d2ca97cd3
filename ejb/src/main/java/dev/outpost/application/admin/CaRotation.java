package dev.outpost.application.admin;

import dev.outpost.api.CaKeyView;
import dev.outpost.api.CaRotationRequest;
import dev.outpost.ca.CertificateAuthorities;
import dev.outpost.ca.SshCaKeys;
import dev.outpost.ca.SshCertificateAuthority;
import dev.outpost.ca.SshKeys;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.shared.Ttl;
import dev.outpost.domain.user.UserIdentity;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Admins rotate the user or host CA and list the keys: a new key signs at once, the previous one
 * stays trusted for the grace (by default as long as the longest certificate a login gets), then
 * it is dropped. Rotations are audited as {@code ca.rotate}, refusals included.
 */
public final class CaRotation {
  /** The longest user certificate a login gets, so that every one issued before outlives none. */
  public static final Duration DEFAULT_GRACE = Duration.ofHours(12);

  /** Persists a rotation: {@link dev.outpost.ca.CaStore#rotate} in production. */
  @FunctionalInterface
  public interface Rotator {
    void rotate(SshCertificateAuthority ca, Instant now, Duration grace)
        throws IOException, GeneralSecurityException;
  }

  private final CertificateAuthorities cas;
  private final Rotator rotator;
  private final AuditRecorder audit;
  private final Clock clock;

  public CaRotation(CertificateAuthorities cas, Rotator rotator, AuditRecorder audit,
      Clock clock) {
    this.cas = cas;
    this.rotator = rotator;
    this.audit = audit;
    this.clock = clock;
  }

  /** Every trusted key of both SSH CAs. */
  public List<CaKeyView> list(UserIdentity admin) {
    admin.requireRole(Role.ADMIN);
    List<CaKeyView> views = new ArrayList<>(views("user", cas.users()));
    views.addAll(views("host", cas.hosts()));
    return views;
  }

  /** Rotates the CA {@code request} names; answers its keys afterwards. */
  public List<CaKeyView> rotate(UserIdentity admin, CaRotationRequest request) {
    AuditRecord attempt = AuditRecord.success(AuditEventType.CA_ROTATE).actor(admin.user());
    try {
      admin.requireRole(Role.ADMIN);
      if (request == null) {
        throw OutpostException.badRequest("the rotation request is empty");
      }
      String type = request.type() == null ? "" : request.type().toLowerCase(Locale.ROOT);
      attempt = attempt.target(type);
      SshCertificateAuthority ca = switch (type) {
        case "user" -> cas.users();
        case "host" -> cas.hosts();
        default -> throw OutpostException.badRequest("--type must be user or host");
      };
      Duration grace = Ttl.parse(request.grace(), DEFAULT_GRACE);
      String previous = ca.fingerprint();
      Instant now = clock.instant();
      rotator.rotate(ca, now, grace);
      audit.record(attempt.message(type + " CA now signs with " + ca.fingerprint() + "; "
          + previous + " trusted until " + now.plus(grace)));
      return views(type, ca);
    } catch (OutpostException e) {
      audit.record(attempt.failed(e.getMessage()));
      throw e;
    } catch (IOException | GeneralSecurityException e) {
      audit.record(attempt.failed("cannot store the new key: " + e.getMessage()));
      throw new IllegalStateException("cannot store the new CA key: " + e.getMessage(), e);
    }
  }

  private List<CaKeyView> views(String type, SshCertificateAuthority ca) {
    List<CaKeyView> views = new ArrayList<>();
    views.add(new CaKeyView(type, "active", SshKeys.fingerprint(ca.activeKey()),
        SshKeys.format(ca.activeKey()), null));
    for (SshCaKeys.Retired retired : ca.retiredAt(clock.instant())) {
      views.add(new CaKeyView(type, "trusted", SshKeys.fingerprint(retired.key()),
          SshKeys.format(retired.key()), retired.until()));
    }
    return views;
  }
}
