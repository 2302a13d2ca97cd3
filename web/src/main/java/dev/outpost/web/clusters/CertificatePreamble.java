package dev.outpost.web.clusters;

import dev.outpost.tunnel.TunnelStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The first bytes of every stream a root opens on a leaf's tunnel: the user certificate the
 * root speaks for, as one {@code authorized_keys} line ending in a newline. It travels in the
 * stream rather than in the target, which is bounded to 1 KiB, and the leaf reads it with a limit
 * of its own before anything else.
 */
final class CertificatePreamble {
  static final int MAX_BYTES = 16 * 1024;

  private CertificatePreamble() {}

  static void write(TunnelStream stream, String certificate) throws IOException {
    if (certificate.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a certificate line has no newline");
    }
    OutputStream out = stream.output();
    out.write((certificate + "\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** @throws IOException when the stream ends first, or the line is longer than allowed */
  static String read(TunnelStream stream) throws IOException {
    String line = BoundedLines.read(stream.input(), MAX_BYTES, "the user certificate line");
    if (line == null) {
      throw new EOFException("the stream ended before the user certificate");
    }
    return line;
  }
}
