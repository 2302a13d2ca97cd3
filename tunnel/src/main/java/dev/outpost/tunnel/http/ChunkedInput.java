package dev.outpost.tunnel.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a {@code Transfer-Encoding: chunked} body: reads the chunks' data and ends after the last
 * chunk and its trailer. Chunk extensions and trailer fields are read and dropped.
 */
public final class ChunkedInput extends InputStream {
  private static final int MAX_LINE = 8 * 1024;

  private final InputStream in;
  private long remaining;
  private boolean done;

  public ChunkedInput(InputStream in) {
    this.in = in;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (done) {
      return -1;
    }
    if (remaining == 0) {
      remaining = nextChunkSize();
      if (remaining == 0) {
        while (!line().isEmpty()) {
          // trailer fields: not forwarded
        }
        done = true;
        return -1;
      }
    }
    int n = in.read(buffer, offset, (int) Math.min(length, remaining));
    if (n < 0) {
      throw new HttpHeadException("chunked body ended inside a chunk");
    }
    remaining -= n;
    if (remaining == 0) {
      line();
    }
    return n;
  }

  @Override
  public int available() throws IOException {
    return done ? 0 : (int) Math.min(in.available(), remaining);
  }

  private long nextChunkSize() throws IOException {
    String line = line();
    int extension = line.indexOf(';');
    String size = (extension < 0 ? line : line.substring(0, extension)).trim();
    try {
      long parsed = Long.parseLong(size, 16);
      if (parsed < 0) {
        throw new NumberFormatException(size);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new HttpHeadException("malformed chunk size '" + size + "'");
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new HttpHeadException("chunked body ended early");
      }
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      if (line.size() >= MAX_LINE) {
        throw new HttpHeadException("chunk line longer than " + MAX_LINE + " bytes");
      }
      line.write(b);
    }
  }
}
