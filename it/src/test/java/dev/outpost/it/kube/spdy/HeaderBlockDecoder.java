package dev.outpost.it.kube.spdy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the header blocks the other side of a SPDY/3 connection sent, in order: they are pieces
 * of one zlib stream that asks for the SPDY dictionary before its first byte. Not thread-safe:
 * one frame reader owns it.
 */
final class HeaderBlockDecoder {
  /** Larger blocks are refused: port-forward headers are a few short pairs. */
  static final int MAX_PLAIN_BYTES = 64 * 1024;

  private final Inflater inflater = new Inflater();

  /** The pairs of {@code compressed}, names as sent, in order. */
  Map<String, String> decode(byte[] compressed) throws IOException {
    if (compressed.length == 0) {
      return Map.of();
    }
    return parse(inflate(compressed));
  }

  private byte[] inflate(byte[] compressed) throws IOException {
    inflater.setInput(compressed);
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    try {
      while (true) {
        int produced = inflater.inflate(buffer);
        if (produced == 0 && inflater.needsDictionary()) {
          inflater.setDictionary(SpdyDictionary.bytes());
        } else if (produced == 0) {
          return plain.toByteArray();
        }
        plain.write(buffer, 0, produced);
        if (plain.size() > MAX_PLAIN_BYTES) {
          throw new IOException("header block over " + MAX_PLAIN_BYTES + " bytes");
        }
      }
    } catch (DataFormatException e) {
      throw new IOException("header block is not the zlib stream expected: " + e.getMessage(), e);
    }
  }

  static Map<String, String> parse(byte[] plain) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain));
    int pairs = in.readInt();
    if (pairs < 0 || pairs > plain.length / 8) {
      throw new IOException("header block claims " + pairs + " pairs in " + plain.length + " bytes");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i < pairs; i++) {
      headers.put(string(in, plain.length), string(in, plain.length));
    }
    return headers;
  }

  private static String string(DataInputStream in, int limit) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > limit) {
      throw new IOException("header string of " + length + " bytes");
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }
}
