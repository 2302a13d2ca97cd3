package dev.outpost.application.sso;

import dev.outpost.domain.sso.SsoClaims;
import java.time.Instant;
import java.util.Optional;

/**
 * What the provider vouched for at a code exchange: the ID token's checked claims, and when the
 * user's session at the provider ends, if it says (Keycloak's {@code refresh_expires_in}).
 */
public record VerifiedIdentity(SsoClaims claims, Optional<Instant> sessionEnds) {}
