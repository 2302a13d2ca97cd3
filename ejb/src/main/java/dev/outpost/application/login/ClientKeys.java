package dev.outpost.application.login;

import dev.outpost.ca.SshCertificateRequest;
import dev.outpost.ca.SshKeys;
import dev.outpost.ca.TlsPublicKeys;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.shared.Ttl;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Optional;

/**
 * What a client sends to have certificates signed, whichever way it logs in: its public keys and
 * the lifetime it asks for. The lifetime defaults to and is capped at 12 hours (roles lower the
 * cap); a longer request is shortened rather than refused, as {@code tsh} does.
 */
public record ClientKeys(PublicKey sshKey, Optional<PublicKey> tlsKey, Duration ttl) {

  /** Short enough for one scripted command; shorter would expire before the connection is made. */
  public static final Duration MIN_TTL = Duration.ofSeconds(5);

  /** @throws OutpostException BAD_REQUEST for an unreadable key or lifetime */
  public static ClientKeys parse(String sshPublicKey, String tlsPublicKey, String ttlText) {
    Duration ttl = Ttl.parse(ttlText, SshCertificateRequest.MAX_USER_TTL);
    if (ttl.compareTo(MIN_TTL) < 0) {
      throw OutpostException.badRequest("ttl must be at least 5s");
    }
    try {
      return new ClientKeys(SshKeys.parsePublicKey(sshPublicKey),
          Optional.ofNullable(tlsPublicKey).filter(key -> !key.isBlank())
              .map(TlsPublicKeys::parse),
          ttl.compareTo(SshCertificateRequest.MAX_USER_TTL) > 0
              ? SshCertificateRequest.MAX_USER_TTL : ttl);
    } catch (IllegalArgumentException e) {
      throw OutpostException.badRequest(e.getMessage());
    }
  }
}
