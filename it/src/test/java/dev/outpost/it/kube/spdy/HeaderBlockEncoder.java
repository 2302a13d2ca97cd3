package dev.outpost.it.kube.spdy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * Compresses the header blocks one side of a SPDY/3 connection sends: one zlib stream with the
 * SPDY dictionary for all of them, each block ended by a sync flush so the peer can read it
 * whole. Not thread-safe: the frame writer calls it under its own lock.
 */
final class HeaderBlockEncoder {
  private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);

  HeaderBlockEncoder() {
    deflater.setDictionary(SpdyDictionary.bytes());
  }

  /** The compressed block for {@code headers} (names sent lower case). */
  byte[] encode(Map<String, String> headers) {
    deflater.setInput(plain(headers));
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    int produced;
    do {
      produced = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
      compressed.write(buffer, 0, produced);
    } while (produced == buffer.length);
    return compressed.toByteArray();
  }

  /** A count of pairs, then each name and value with a 32-bit length. */
  static byte[] plain(Map<String, String> headers) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(headers.size());
      for (Map.Entry<String, String> header : headers.entrySet()) {
        byte[] name = header.getKey().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        byte[] value = header.getValue().getBytes(StandardCharsets.UTF_8);
        out.writeInt(name.length);
        out.write(name);
        out.writeInt(value.length);
        out.write(value);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("in memory", e);
    }
  }
}
