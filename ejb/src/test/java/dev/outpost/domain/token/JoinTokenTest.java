package dev.outpost.domain.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.outpost.domain.shared.OutpostException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JoinTokenTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  private final JoinToken token =
      new JoinToken("hash", TokenType.NODE, JoinToken.DEFAULT_TTL, "admin", NOW);

  @Test
  void redeemsOnce() {
    token.redeem(TokenType.NODE, "edge-1", NOW.plusSeconds(1));

    OutpostException reuse = assertThrows(OutpostException.class,
        () -> token.redeem(TokenType.NODE, "edge-2", NOW.plusSeconds(2)));
    assertEquals(OutpostException.Kind.UNAUTHENTICATED, reuse.kind());
    assertEquals("join token is invalid, expired or already used", reuse.getMessage());
  }

  @Test
  void expiresAfterItsTtl() {
    assertEquals(NOW.plus(Duration.ofMinutes(30)), token.expiresAt());
    assertThrows(OutpostException.class,
        () -> token.redeem(TokenType.NODE, "edge-1", NOW.plus(Duration.ofMinutes(30))));
  }

  @Test
  void servesOnlyItsType() {
    assertThrows(OutpostException.class, () -> token.redeem(TokenType.KUBE, "k", NOW));
    token.redeem(TokenType.NODE, "edge-1", NOW);
  }

  @Test
  void livesAtMostADay() {
    new JoinToken("h", TokenType.NODE, Duration.ofHours(24), "admin", NOW);
    assertEquals(OutpostException.Kind.BAD_REQUEST, assertThrows(OutpostException.class,
        () -> new JoinToken("h", TokenType.NODE, Duration.ofHours(25), "admin", NOW)).kind());
  }

  @Test
  void typesUseWireNames() {
    assertEquals(TokenType.TRUSTED_CLUSTER, TokenType.fromWireName("trusted_cluster"));
    assertThrows(OutpostException.class, () -> TokenType.fromWireName("NODE"));
  }
}
