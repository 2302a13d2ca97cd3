package dev.outpost.api.cast;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;

/**
 * Writes asciicast v2: a header line, then one {@code [seconds, "o", text]} line per output and
 * {@code [seconds, "r", "COLSxROWS"]} per resize, each flushed at once so that a crash loses
 * nothing already shown. Terminal output is bytes and asciicast holds text: a UTF-8 sequence split
 * across two reads is kept back until it is whole; bytes that are not UTF-8 become U+FFFD.
 *
 * <p>Every byte a terminal shows passes through here, so lines are built as bytes in one reused
 * buffer: output that is plain ASCII (most of it) is escaped straight from the read, and only
 * other output is decoded to text and encoded again.
 */
public final class AsciicastWriter implements Closeable {
  private static final int MAX_SEQUENCE = 4;
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  private final OutputStream file;
  private final InstantSource clock;
  private final Instant start;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPLACE)
      .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private ByteBuffer pending = ByteBuffer.allocate(0);
  private byte[] line = new byte[8192];
  private int used;

  private AsciicastWriter(OutputStream file, InstantSource clock, Instant start) {
    this.file = file;
    this.clock = clock;
    this.start = start;
  }

  /** Writes the header of a {@code columns}×{@code rows} terminal and returns the writer. */
  public static AsciicastWriter start(OutputStream file, InstantSource clock, int columns, int rows, String term)
      throws IOException {
    Instant start = clock.instant();
    AsciicastWriter writer = new AsciicastWriter(file, clock, start);
    byte[] termBytes = term.getBytes(StandardCharsets.UTF_8);
    writer.ascii("{\"version\":2,\"width\":" + columns + ",\"height\":" + rows + ",\"timestamp\":"
        + start.getEpochSecond() + ",\"env\":{\"TERM\":");
    writer.quoted(termBytes, 0, termBytes.length);
    writer.ascii("}}");
    writer.endLine();
    return writer;
  }

  public void output(byte[] data, int offset, int length) throws IOException {
    if (length == 0) {
      return;
    }
    if (!pending.hasRemaining() && isAscii(data, offset, length)) {
      event('o', data, offset, length);
      return;
    }
    ByteBuffer input = ByteBuffer.allocate(pending.remaining() + length);
    input.put(pending).put(data, offset, length).flip();
    CharBuffer text = CharBuffer.allocate(input.remaining() + 1);
    decoder.decode(input, text, false);
    pending = input.remaining() <= MAX_SEQUENCE ? input.slice() : ByteBuffer.allocate(0);
    text.flip();
    event('o', text);
  }

  public void resize(int columns, int rows) throws IOException {
    byte[] size = (columns + "x" + rows).getBytes(StandardCharsets.US_ASCII);
    event('r', size, 0, size.length);
  }

  /** Writes what is left of an unfinished UTF-8 sequence, then closes the file. */
  @Override
  public void close() throws IOException {
    try {
      if (pending.hasRemaining()) {
        CharBuffer text = CharBuffer.allocate(MAX_SEQUENCE * 2);
        decoder.decode(pending, text, true);
        decoder.flush(text);
        text.flip();
        event('o', text);
      }
    } finally {
      file.close();
    }
  }

  private void event(char code, CharBuffer text) throws IOException {
    if (text.hasRemaining()) {
      byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
      event(code, utf8, 0, utf8.length);
    }
  }

  private void event(char code, byte[] text, int offset, int length) throws IOException {
    long micros = Math.max(0, Duration.between(start, clock.instant()).toNanos() / 1000);
    String fraction = Long.toString(1_000_000 + micros % 1_000_000).substring(1);
    ascii("[" + micros / 1_000_000 + "." + fraction + ",\"" + code + "\",");
    quoted(text, offset, length);
    ascii("]");
    endLine();
  }

  private void endLine() throws IOException {
    reserve(1);
    line[used++] = '\n';
    file.write(line, 0, used);
    file.flush();
    used = 0;
  }

  private void ascii(String text) {
    reserve(text.length());
    for (int i = 0; i < text.length(); i++) {
      line[used++] = (byte) text.charAt(i);
    }
  }

  /**
   * A JSON string (RFC 8259) of UTF-8 text: quotes, backslashes and control characters escaped,
   * everything else as it is (bytes of multi-byte sequences are never below 0x80).
   */
  private void quoted(byte[] text, int offset, int length) {
    reserve(length + 2);
    line[used++] = '"';
    for (int i = offset; i < offset + length; i++) {
      byte b = text[i];
      if (b < 0 || (b >= 0x20 && b != '"' && b != '\\')) {
        line[used++] = b;
        continue;
      }
      reserve(offset + length - i + 6);
      line[used++] = '\\';
      switch (b) {
        case '"', '\\' -> line[used++] = b;
        case '\n' -> line[used++] = 'n';
        case '\r' -> line[used++] = 'r';
        case '\t' -> line[used++] = 't';
        case '\b' -> line[used++] = 'b';
        case '\f' -> line[used++] = 'f';
        default -> {
          line[used++] = 'u';
          line[used++] = '0';
          line[used++] = '0';
          line[used++] = HEX[b >> 4];
          line[used++] = HEX[b & 0xF];
        }
      }
    }
    line[used++] = '"';
  }

  private void reserve(int more) {
    if (used + more > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, used + more));
    }
  }

  private static boolean isAscii(byte[] data, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (data[i] < 0) {
        return false;
      }
    }
    return true;
  }
}
