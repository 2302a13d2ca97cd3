package dev.outpost.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ProxyAddressTest {

  @Test
  void parsesHostAndPort() {
    assertEquals(
        new ProxyAddress("proxy.example.com", 8443), ProxyAddress.parse("proxy.example.com:8443"));
    assertEquals(
        new ProxyAddress("proxy.example.com", 443), ProxyAddress.parse("proxy.example.com"));
    assertEquals(new ProxyAddress("::1", 8443), ProxyAddress.parse("[::1]:8443"));
  }

  @Test
  void buildsUris() {
    ProxyAddress proxy = ProxyAddress.parse("localhost:8443");
    assertEquals(URI.create("https://localhost:8443/api/v1/me"), proxy.https("/api/v1/me"));
    assertEquals(
        URI.create("wss://[::1]:8443/api/v1/tunnel/client"),
        ProxyAddress.parse("[::1]:8443").wss("api/v1/tunnel/client"));
    assertEquals("[::1]:8443", ProxyAddress.parse("[::1]:8443").toString());
  }

  @Test
  void refusesMalformedAddresses() {
    for (String bad :
        new String[] {
          "",
          "host:",
          "host:0",
          "host:99999",
          "host:http",
          "-host:1",
          "ho st:1",
          "user@host:1",
          "host/path:1",
          "[::1",
          "[::1]x"
        }) {
      assertThrows(IllegalArgumentException.class, () -> ProxyAddress.parse(bad), bad);
    }
  }
}
