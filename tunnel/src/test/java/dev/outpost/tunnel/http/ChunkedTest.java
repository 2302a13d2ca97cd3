package dev.outpost.tunnel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkedTest {

  @Test
  void decodesWhatItEncodes() throws IOException {
    ByteArrayOutputStream encoded = new ByteArrayOutputStream();
    ChunkedOutputStream out = new ChunkedOutputStream(encoded);
    out.write("hello ".getBytes(StandardCharsets.US_ASCII));
    out.write("world".repeat(1000).getBytes(StandardCharsets.US_ASCII));
    out.finish();
    byte[] wire = encoded.toByteArray();
    InputStream in = new ChunkedInputStream(new ByteArrayInputStream(
        (new String(wire, StandardCharsets.US_ASCII) + "NEXT").getBytes(StandardCharsets.US_ASCII)));
    assertEquals("hello " + "world".repeat(1000), new String(in.readAllBytes(), StandardCharsets.US_ASCII));
  }

  @Test
  void skipsExtensionsAndTrailers() throws IOException {
    InputStream in = new ChunkedInputStream(new ByteArrayInputStream(
        "3;ext=1\r\nabc\r\n0\r\nTrailer: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("abc", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
  }

  @Test
  void refusesBadSizesAndCutBodies() {
    assertThrows(IOException.class, () -> new ChunkedInputStream(new ByteArrayInputStream(
        "zz\r\n".getBytes(StandardCharsets.US_ASCII))).readAllBytes());
    assertThrows(IOException.class, () -> new ChunkedInputStream(new ByteArrayInputStream(
        "10\r\nabc".getBytes(StandardCharsets.US_ASCII))).readAllBytes());
  }
}
