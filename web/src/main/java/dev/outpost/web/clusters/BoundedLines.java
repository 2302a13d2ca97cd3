package dev.outpost.web.clusters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads newline-ended UTF-8 lines of at most a given length from what another cluster sends, so
 * that a peer cannot make this proxy buffer without bound.
 */
final class BoundedLines {
  private BoundedLines() {}

  /**
   * The next line without its newline, or null when the stream ends before a line starts.
   *
   * @throws IOException when the stream ends inside a line or the line is longer than {@code max}
   */
  static String read(InputStream in, int max, String what) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        if (line.size() == 0) {
          return null;
        }
        throw new IOException("the stream ended inside " + what);
      }
      if (line.size() == max) {
        throw new IOException(what + " longer than " + max + " bytes");
      }
      line.write(b);
    }
    return line.toString(StandardCharsets.UTF_8);
  }
}
