package dev.outpost.application.admin;

import dev.outpost.api.TokenRequest;
import dev.outpost.api.TokenResponse;
import dev.outpost.api.TokenView;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.shared.SecretToken;
import dev.outpost.domain.shared.Ttl;
import dev.outpost.domain.token.JoinToken;
import dev.outpost.domain.token.JoinTokenRepository;
import dev.outpost.domain.token.TokenType;
import dev.outpost.domain.user.UserIdentity;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * Admins create join tokens (128 random bits, shown once, stored as a hash), list those still
 * usable and withdraw them.
 */
public final class JoinTokens {

  static final int TOKEN_BYTES = 16;

  private final JoinTokenRepository tokens;
  private final String caPin;
  private final AuditRecorder audit;
  private final Clock clock;
  private final SecureRandom random;

  public JoinTokens(JoinTokenRepository tokens, String caPin, AuditRecorder audit, Clock clock,
      SecureRandom random) {
    this.tokens = tokens;
    this.caPin = caPin;
    this.audit = audit;
    this.clock = clock;
    this.random = random;
  }

  public TokenResponse create(UserIdentity admin, TokenRequest request) {
    AuditRecord attempt = AuditRecord.success(AuditEventType.TOKEN_CREATE).actor(admin.user());
    try {
      admin.requireRole(Role.ADMIN);
      TokenType type = TokenType.fromWireName(
          request == null || request.type() == null ? "node" : request.type());
      String secret = SecretToken.generate(random, TOKEN_BYTES);
      JoinToken token = new JoinToken(SecretToken.hash(secret), type,
          Ttl.parse(request == null ? null : request.ttl(), JoinToken.DEFAULT_TTL),
          admin.user(), clock.instant());
      tokens.add(token);
      audit.record(attempt.target(type.wireName())
          .message(type.wireName() + " token, expires " + token.expiresAt()));
      return new TokenResponse(token.id(), secret, type.wireName(), token.expiresAt(), caPin);
    } catch (OutpostException e) {
      audit.record(attempt.failed(e.getMessage()));
      throw e;
    }
  }

  /** The tokens that can still be used, without their secrets; FORBIDDEN unless admin. */
  public List<TokenView> list(UserIdentity admin) {
    admin.requireRole(Role.ADMIN);
    return tokens.pending(clock.instant()).stream().map(token -> new TokenView(token.id(),
        token.type().wireName(), token.expiresAt(), token.createdBy())).toList();
  }

  /**
   * Withdraws a token before it is used; audited as {@code token.delete}.
   *
   * @throws OutpostException FORBIDDEN unless admin, NOT_FOUND for an unknown id
   */
  public void remove(UserIdentity admin, String id) {
    AuditRecord attempt = AuditRecord.success(AuditEventType.TOKEN_DELETE).actor(admin.user())
        .target(id);
    try {
      admin.requireRole(Role.ADMIN);
      JoinToken token = tokens.findById(id)
          .orElseThrow(() -> OutpostException.notFound("no such join token: " + id));
      tokens.remove(token);
      audit.record(attempt.message(token.type().wireName() + " token withdrawn"));
    } catch (OutpostException e) {
      audit.record(attempt.failed(e.getMessage()));
      throw e;
    }
  }
}
