package dev.outpost.domain.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TtlTest {

  @Test
  void parsesUnits() {
    assertEquals(Duration.ofSeconds(90), Ttl.parse("90s", null));
    assertEquals(Duration.ofMinutes(30), Ttl.parse("30m", null));
    assertEquals(Duration.ofHours(12), Ttl.parse("12h", null));
    assertEquals(Duration.ofDays(7), Ttl.parse("7d", null));
    assertEquals(Duration.ofHours(1), Ttl.parse(" ", Duration.ofHours(1)));
    assertEquals(Duration.ofHours(1), Ttl.parse(null, Duration.ofHours(1)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0m", "12", "h", "1.5h", "-1h", "12H", "1w", "9999999s"})
  void refusesTheRest(String text) {
    assertEquals(OutpostException.Kind.BAD_REQUEST,
        assertThrows(OutpostException.class, () -> Ttl.parse(text, null)).kind());
  }

  @Test
  void secretTokensAreRandomHexStoredAsSha256() {
    String token = SecretToken.generate(new SecureRandom(), 16);

    assertEquals(32, token.length());
    assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
        SecretToken.hash("hello"));
  }
}
