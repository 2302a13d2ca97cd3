package dev.outpost.web.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleCookieTest {

  @Test
  void sessionCookieIsHostOnlySecureHttpOnlyAndStrict() {
    assertEquals("__Host-outpost-session=abc; Path=/; Secure; HttpOnly; SameSite=Strict",
        ConsoleCookie.set("abc"));
    assertTrue(ConsoleCookie.clear().endsWith("Max-Age=0"));
  }

  @Test
  void findsTheTokenAmongOtherCookies() {
    assertEquals(Optional.of("abc"),
        ConsoleCookie.token("theme=dark; __Host-outpost-session=abc; x=y"));
    assertEquals(Optional.empty(), ConsoleCookie.token("outpost-session=abc"));
    assertEquals(Optional.empty(), ConsoleCookie.token("__Host-outpost-session="));
    assertEquals(Optional.empty(), ConsoleCookie.token(null));
    assertEquals(Optional.of("abc"), ConsoleCookie.token(
        "$Version=\"1\"; __Host-outpost-session=\"abc\";$Path=\"/\""), "quoted, RFC 2965 style");
  }
}
