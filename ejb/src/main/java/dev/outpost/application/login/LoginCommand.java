package dev.outpost.application.login;

import dev.outpost.api.LoginRequest;
import dev.outpost.ca.SshCertificateRequest;
import dev.outpost.ca.SshKeys;
import dev.outpost.ca.TlsPublicKeys;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.shared.Ttl;
import dev.outpost.domain.user.UserName;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Optional;

/**
 * A checked login request. The lifetime defaults to and is capped at 12 hours (roles will lower
 * the cap); a longer request is shortened rather than refused, as {@code tsh} does.
 */
public record LoginCommand(
    UserName user,
    String password,
    String totp,
    PublicKey sshKey,
    Optional<PublicKey> tlsKey,
    Duration ttl) {

  /** Short enough for one scripted command; shorter would expire before the connection is made. */
  public static final Duration MIN_TTL = Duration.ofSeconds(5);

  /** Longer passwords are refused before hashing, which costs the proxy CPU. */
  static final int MAX_PASSWORD_LENGTH = 1024;

  public static LoginCommand from(LoginRequest request) {
    if (request == null || request.user() == null || request.password() == null) {
      throw OutpostException.badRequest("user and password are required");
    }
    if (request.password().length() > MAX_PASSWORD_LENGTH || (request.totp() != null
        && request.totp().length() > 16)) {
      throw OutpostException.badRequest("password or one-time code is too long");
    }
    Duration ttl = Ttl.parse(request.ttl(), SshCertificateRequest.MAX_USER_TTL);
    if (ttl.compareTo(MIN_TTL) < 0) {
      throw OutpostException.badRequest("ttl must be at least 5s");
    }
    try {
      return new LoginCommand(new UserName(request.user()), request.password(), request.totp(),
          SshKeys.parsePublicKey(request.sshPublicKey()),
          Optional.ofNullable(request.tlsPublicKey()).filter(key -> !key.isBlank())
              .map(TlsPublicKeys::parse),
          ttl.compareTo(SshCertificateRequest.MAX_USER_TTL) > 0
              ? SshCertificateRequest.MAX_USER_TTL : ttl);
    } catch (IllegalArgumentException e) {
      throw OutpostException.badRequest(e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "LoginCommand[user=" + user + ", ttl=" + ttl + "]";
  }
}
