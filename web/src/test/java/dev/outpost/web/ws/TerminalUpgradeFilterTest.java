package dev.outpost.web.ws;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TerminalUpgradeFilterTest {

  @Test
  void acceptsOnlyThePagesOwnOrigin() {
    assertTrue(TerminalUpgradeFilter.isSameOrigin("https://localhost:8443", "localhost:8443"));
    assertTrue(TerminalUpgradeFilter.isSameOrigin("https://Proxy.Example.com", "proxy.example.com:443"));
    assertTrue(TerminalUpgradeFilter.isSameOrigin("https://proxy.example.com:443", "proxy.example.com"));
  }

  @Test
  void refusesEveryOtherOrigin() {
    String host = "localhost:8443";
    for (String origin : new String[] {null, "", "null", "http://localhost:8443",
        "https://localhost:8444", "https://localhost", "https://evil.example",
        "https://localhost:8443.evil.example", "https://localhost:8443/path",
        "https://user@localhost:8443", "wss://localhost:8443", "https://localhost:8443:1"}) {
      assertFalse(TerminalUpgradeFilter.isSameOrigin(origin, host), String.valueOf(origin));
    }
    assertFalse(TerminalUpgradeFilter.isSameOrigin("https://localhost:8443", null));
  }
}
