package dev.outpost.web.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LaunchPathsTest {

  @Test
  void keepsPathsOnTheApp() {
    assertEquals(Optional.of("/d/abc?orgId=1"), LaunchPaths.valid("/d/abc?orgId=1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"//evil.example/", "/\\evil.example", "https://evil.example/",
      "javascript:alert(1)", "/a\r\nSet-Cookie: x", ""})
  void refusesEverythingElse(String path) {
    assertTrue(LaunchPaths.valid(path).isEmpty());
  }
}
