package dev.outpost.web.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppCookieTest {

  @Test
  void isHostOnlySecureHttpOnlyAndLax() {
    assertEquals("__Host-outpost-app=t; Path=/; Secure; HttpOnly; SameSite=Lax", AppCookie.set("t"));
  }

  @Test
  void readsOursAndPassesOnlyTheOthers() {
    String header = "theme=dark; __Host-outpost-app=secret; lang=en";
    assertEquals(Optional.of("secret"), AppCookie.token(header));
    assertEquals(Optional.of("theme=dark; lang=en"), AppCookie.withoutOurs(header));
    assertEquals(Optional.empty(), AppCookie.withoutOurs("__Host-outpost-app=secret"));
  }
}
