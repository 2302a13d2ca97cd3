package dev.outpost.api.cast;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes asciicast v2: a header line, then one {@code [seconds, "o", text]} line per output and
 * {@code [seconds, "r", "COLSxROWS"]} per resize, each flushed at once so that a crash loses
 * nothing already shown. Terminal output is bytes and asciicast holds text: a UTF-8 sequence split
 * across two reads is kept back until it is whole; bytes that are not UTF-8 become U+FFFD.
 */
public final class AsciicastWriter implements Closeable {
  private static final int MAX_SEQUENCE = 4;

  private final OutputStream file;
  private final InstantSource clock;
  private final Instant start;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPLACE)
      .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private ByteBuffer pending = ByteBuffer.allocate(0);

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
    writer.line("{\"version\":2,\"width\":" + columns + ",\"height\":" + rows + ",\"timestamp\":"
        + start.getEpochSecond() + ",\"env\":{\"TERM\":" + quoted(term) + "}}");
    return writer;
  }

  public void output(byte[] data, int offset, int length) throws IOException {
    ByteBuffer input = ByteBuffer.allocate(pending.remaining() + length);
    input.put(pending).put(data, offset, length).flip();
    CharBuffer text = CharBuffer.allocate(input.remaining() + 1);
    decoder.decode(input, text, false);
    pending = input.remaining() <= MAX_SEQUENCE ? input.slice() : ByteBuffer.allocate(0);
    text.flip();
    if (text.hasRemaining()) {
      event("o", text.toString());
    }
  }

  public void resize(int columns, int rows) throws IOException {
    event("r", columns + "x" + rows);
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
        if (text.hasRemaining()) {
          event("o", text.toString());
        }
      }
    } finally {
      file.close();
    }
  }

  private void event(String code, String text) throws IOException {
    long micros = Math.max(0, Duration.between(start, clock.instant()).toNanos() / 1000);
    String fraction = Long.toString(1_000_000 + micros % 1_000_000).substring(1);
    line("[" + micros / 1_000_000 + "." + fraction + ",\"" + code + "\"," + quoted(text) + "]");
  }

  private void line(String json) throws IOException {
    file.write((json + "\n").getBytes(StandardCharsets.UTF_8));
    file.flush();
  }

  /** A JSON string (RFC 8259): quotes, backslashes and control characters escaped. */
  private static String quoted(String text) {
    StringBuilder json = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        case '\b' -> json.append("\\b");
        case '\f' -> json.append("\\f");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04X", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"').toString();
  }
}
