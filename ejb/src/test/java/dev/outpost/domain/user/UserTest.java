package dev.outpost.domain.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.domain.role.Role;
import dev.outpost.domain.shared.OutpostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  private final User user = new User(new UserName("alice"), Set.of(Role.ACCESS),
      List.of("ubuntu", "root", "root"), NOW);

  @Test
  void locksAfterFiveFailuresForFifteenMinutes() {
    for (int i = 0; i < 4; i++) {
      user.loginFailed(NOW);
    }
    assertFalse(user.isLockedAt(NOW));

    user.loginFailed(NOW);

    assertTrue(user.isLockedAt(NOW));
    assertTrue(user.isLockedAt(NOW.plus(Duration.ofMinutes(15)).minusSeconds(1)));
    assertFalse(user.isLockedAt(NOW.plus(Duration.ofMinutes(15))));
  }

  @Test
  void successClearsTheCount() {
    for (int i = 0; i < 4; i++) {
      user.loginFailed(NOW);
    }
    user.loginSucceeded(0);
    user.loginFailed(NOW);

    assertEquals(1, user.failedLogins());
    assertFalse(user.isLockedAt(NOW));
  }

  @Test
  void logsInWithSortedDistinctLogins() {
    assertEquals(List.of("root", "ubuntu"), user.logins());
    assertEquals(List.of("access"), user.identity(NOW).roleNames());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Alice", "-alice", "al ice", "a/b"})
  void refusesInvalidUserNames(String name) {
    assertThrows(OutpostException.class, () -> new UserName(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"alice", "bob.smith", "x", "ops-team_1", "alice@example.com"})
  void acceptsValidUserNames(String name) {
    assertEquals(name, new UserName(name).value());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Root", "1root", "root;rm", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void refusesInvalidLogins(String login) {
    assertThrows(OutpostException.class, () -> new Login(login));
  }

  @Test
  void passwordsNeedTwelveCharacters() {
    assertEquals("password is too short: use at least 12 characters",
        assertThrows(OutpostException.class, () -> new NewPassword("elevenchars")).getMessage());
    assertEquals("twelve chars", new NewPassword("twelve chars").value());
  }
}
