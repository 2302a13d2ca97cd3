package dev.outpost.tunnel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpHeadTest {

  private static InputStream bytes(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void readsTheHeadAndLeavesTheBody() throws IOException {
    InputStream in = bytes("GET /x HTTP/1.1\r\nHost: a\r\nX-Two:  spaced \r\n\r\nBODY");
    HttpHead head = HttpHead.read(in);
    assertEquals("GET /x HTTP/1.1", head.startLine());
    assertEquals("a", head.header("host").orElseThrow());
    assertEquals("spaced", head.header("X-Two").orElseThrow());
    assertEquals("BODY", new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
  }

  @Test
  void writesWhatItReads() throws IOException {
    HttpHead head = new HttpHead("HTTP/1.1 200 OK", List.of(new HttpHead.Header("A", "1")));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    head.write(out);
    assertEquals("HTTP/1.1 200 OK\r\nA: 1\r\n\r\n", out.toString(StandardCharsets.ISO_8859_1));
    assertEquals(head, HttpHead.read(new ByteArrayInputStream(out.toByteArray())));
  }

  @Test
  void replacesAndDropsHeadersWhateverTheirCase() {
    HttpHead head = new HttpHead("GET / HTTP/1.1", List.of(new HttpHead.Header("HOST", "evil"),
        new HttpHead.Header("host", "evil2"), new HttpHead.Header("Keep", "yes")));
    HttpHead fixed = head.with("Host", "good").without("keep"::equals);
    assertEquals(List.of(new HttpHead.Header("Host", "good")), fixed.headers());
  }

  @Test
  void findsTokensInListHeaders() {
    HttpHead head = new HttpHead("GET / HTTP/1.1",
        List.of(new HttpHead.Header("Connection", "keep-alive, Upgrade")));
    assertTrue(head.lists("connection", "upgrade"));
    assertFalse(head.lists("connection", "close"));
  }

  @Test
  void keepsRepeatedHeadersWhenAddingOneMore() throws IOException {
    HttpHead head = new HttpHead("HTTP/1.1 200 OK", List.of(new HttpHead.Header("G", "a")))
        .plus(new HttpHead.Header("G", "b"));
    assertEquals(List.of("a", "b"), head.headers().stream().map(HttpHead.Header::value).toList());
    assertEquals(200, head.status());
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET / HTTP/1.1\r\nno colon\r\n\r\n",
      "GET / HTTP/1.1\r\n folded: x\r\n\r\n", "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n"})
  void refusesMalformedHeads(String text) {
    assertThrows(HttpHeadException.class, () -> HttpHead.read(bytes(text)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "GET / HTTP/1.1\r\nHost: a\r\n"})
  void saysWhenTheStreamEndsFirst(String text) {
    assertThrows(EOFException.class, () -> HttpHead.read(bytes(text)));
  }

  @Test
  void refusesAStatusLineWithoutAStatus() {
    assertThrows(HttpHeadException.class, () -> new HttpHead("HTTP/1.1 OK", List.of()).status());
  }

  @Test
  void refusesHugeHeads() {
    String huge = "GET / HTTP/1.1\r\nX: " + "a".repeat(HttpHead.MAX_BYTES) + "\r\n\r\n";
    HttpHeadException e = assertThrows(HttpHeadException.class, () -> HttpHead.read(bytes(huge)));
    assertTrue(e.getMessage().contains("larger than"), e.getMessage());
  }

  @Test
  void neverWritesLineBreaksInsideFields() {
    assertThrows(IllegalArgumentException.class, () -> new HttpHead("GET / HTTP/1.1",
        List.of(new HttpHead.Header("X", "a\r\nHost: evil"))));
  }
}
