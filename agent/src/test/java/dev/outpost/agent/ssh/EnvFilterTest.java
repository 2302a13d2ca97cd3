package dev.outpost.agent.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EnvFilterTest {

  @ParameterizedTest
  @ValueSource(strings = {"TERM", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "COLORTERM", "TZ"})
  void allowsTerminalAndLocaleSettings(String name) {
    assertTrue(EnvFilter.allows(name, "C.UTF-8"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"LD_PRELOAD", "LD_LIBRARY_PATH", "BASH_ENV", "ENV", "PATH", "HOME", "SHELL", "PS4", "IFS",
        "lc_all", "LC_", "LC_ALL=x", "PROMPT_COMMAND", "GCONV_PATH"})
  void refusesEverythingElse(String name) {
    assertFalse(EnvFilter.allows(name, "x"));
  }

  @Test
  void refusesControlCharactersAndHugeValues() {
    assertFalse(EnvFilter.allows("LANG", "C\n"));
    assertFalse(EnvFilter.allows("LANG", "x".repeat(257)));
    assertFalse(EnvFilter.allows("LANG", null));
  }

  @Test
  void filterKeepsOnlyAllowedEntries() {
    assertEquals(
        Map.of("LANG", "de_DE.UTF-8", "TERM", "xterm"),
        EnvFilter.filter(Map.of("LANG", "de_DE.UTF-8", "TERM", "xterm", "LD_PRELOAD", "/x.so", "USER", "eve")));
  }
}
