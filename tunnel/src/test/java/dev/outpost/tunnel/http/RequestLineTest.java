package dev.outpost.tunnel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestLineTest {

  @Test
  void keepsOriginFormTargetsAndSpeaksHttp11() {
    assertEquals("POST /a/b?c=d@e HTTP/1.1", RequestLine.parse("POST /a/b?c=d@e HTTP/1.0").toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET http://evil/ HTTP/1.1", "GET //evil/x HTTP/1.1",
      "GET /\\evil HTTP/1.1", "CONNECT evil:22 HTTP/1.1", "GET @evil/ HTTP/1.1", "GET * HTTP/1.1",
      "GET / HTTP/2", "GET /a b HTTP/1.1", "get / HTTP/1.1", "GET /\u00e9 HTTP/1.1"})
  void refusesTargetsThatCouldNameAnotherHost(String line) {
    assertThrows(IllegalArgumentException.class, () -> RequestLine.parse(line));
  }
}
