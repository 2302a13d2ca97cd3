package dev.outpost.web.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamHeadersTest {
  private static final URI UPSTREAM = URI.create("http://127.0.0.1:3000");
  private static final String ORIGIN = "https://grafana.proxy.example.com";

  @ParameterizedTest
  @CsvSource({
      "http://127.0.0.1:3000/login?x=1, https://grafana.proxy.example.com/login?x=1",
      "http://127.0.0.1:3000, https://grafana.proxy.example.com/",
      "/relative, /relative",
      "https://accounts.example.org/x, https://accounts.example.org/x",
      "http://127.0.0.1:3001/x, http://127.0.0.1:3001/x"})
  void movesOnlyRedirectsToTheUpstreamItself(String location, String expected) {
    assertEquals(expected, UpstreamHeaders.location(location, UPSTREAM, ORIGIN));
  }

  @Test
  void cookiesLoseTheirDomain() {
    assertEquals(Optional.of("a=1; Path=/; HttpOnly"),
        UpstreamHeaders.setCookie("a=1; Domain=127.0.0.1; Path=/; HttpOnly"));
    assertEquals(Optional.empty(), UpstreamHeaders.setCookie("__Host-outpost-app=x; Path=/"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Host", "X-Forwarded-Host", "x-forwarded-for", "Forwarded", "X-Real-IP",
      "Cookie", "Outpost-Jwt-Assertion", "Connection", "Transfer-Encoding", "Expect"})
  void dropsWhatTheClientMayNotSay(String name) {
    assertFalse(UpstreamHeaders.forwardsRequestHeader(name));
  }

  @Test
  void passesEndToEndHeaders() {
    assertTrue(UpstreamHeaders.forwardsRequestHeader("Accept"));
    assertTrue(UpstreamHeaders.forwardsRequestHeader("Sec-WebSocket-Key"));
  }
}
