package dev.outpost.tunnel.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpHeadTest {

  @Test
  void readsAHeadAndLeavesTheBodyUnread() throws IOException {
    InputStream in = stream("GET /api/v1/pods?watch=true HTTP/1.1\r\nHost: x\r\nAccept: a\r\n"
        + "accept: b\r\n\r\nbody");
    HttpHead head = HttpHead.read(in);

    assertEquals("GET /api/v1/pods?watch=true HTTP/1.1", head.startLine());
    assertEquals("a", head.header("ACCEPT").orElseThrow());
    assertEquals(3, head.fields().size());
    assertArrayEquals("body".getBytes(StandardCharsets.US_ASCII), in.readAllBytes());
  }

  @Test
  void rewritesFieldsAndWritesThemBack() throws IOException {
    HttpHead head = HttpHead.read(stream("HTTP/1.1 200 OK\nImpersonate-User: x\nA: 1\n\n"))
        .without(name -> name.startsWith("impersonate-")).with("B", "2");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    head.write(out);

    assertEquals("HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\n\r\n", out.toString(StandardCharsets.US_ASCII));
    assertEquals(200, head.status());
  }

  @Test
  void refusesWhatCouldSmuggleAHeader() {
    assertThrows(IllegalArgumentException.class, () -> new HttpHead.Field("A", "1\r\nB: 2"));
    assertThrows(IllegalArgumentException.class, () -> new HttpHead("GET / HTTP/1.1\n", List.of()));
    assertThrows(IOException.class, () -> HttpHead.read(stream("GET / HTTP/1.1\r\nno colon\r\n\r\n")));
    assertThrows(EOFException.class, () -> HttpHead.read(stream("GET / HTTP/1.1\r\n")));
    assertThrows(IOException.class,
        () -> HttpHead.read(stream("GET / HTTP/1.1\r\nA: " + "x".repeat(HttpHead.MAX_BYTES) + "\r\n\r\n")));
  }

  @Test
  void chunkedBodiesRoundTrip() throws IOException {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    ChunkedOutputStream chunked = new ChunkedOutputStream(wire);
    chunked.write("hello ".getBytes(StandardCharsets.US_ASCII));
    chunked.write("world".getBytes(StandardCharsets.US_ASCII));
    chunked.finish();
    InputStream in = new ByteArrayInputStream(
        (wire.toString(StandardCharsets.US_ASCII) + "next").getBytes(StandardCharsets.US_ASCII));

    assertEquals("hello world",
        new String(new ChunkedInputStream(in).readAllBytes(), StandardCharsets.US_ASCII));
    assertEquals("next", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
  }

  @Test
  void chunkedInputRefusesBadFraming() {
    assertThrows(IOException.class,
        () -> new ChunkedInputStream(stream("zz\r\n")).readAllBytes());
    assertThrows(EOFException.class,
        () -> new ChunkedInputStream(stream("5\r\nab")).readAllBytes());
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
  }
}
