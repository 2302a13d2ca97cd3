package dev.outpost.tunnel.frame;

/** UTF-8 sizing for the reasons carried by RESET, GOAWAY and WebSocket close messages. */
public final class Utf8 {
  private Utf8() {}

  /** {@code text} cut to at most {@code maxBytes} of UTF-8, never inside a character. */
  public static String truncate(String text, int maxBytes) {
    int bytes = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      bytes += encodedLength(codePoint);
      if (bytes > maxBytes) {
        return text.substring(0, i);
      }
      i += Character.charCount(codePoint);
    }
    return text;
  }

  private static int encodedLength(int codePoint) {
    if (codePoint < 0x80) {
      return 1;
    }
    if (codePoint < 0x800) {
      return 2;
    }
    return codePoint < 0x10000 ? 3 : 4;
  }
}
