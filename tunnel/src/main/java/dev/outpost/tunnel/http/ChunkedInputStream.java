package dev.outpost.tunnel.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The body of a message sent with {@code Transfer-Encoding: chunked}, decoded: each read returns
 * at most what is left of the current chunk, so a watch event is handed on as soon as its chunk
 * arrived. Trailer fields are read and dropped.
 */
public final class ChunkedInputStream extends InputStream {
  private static final int MAX_SIZE_LINE = 1024;

  private final InputStream in;
  private long left;
  private boolean done;

  public ChunkedInputStream(InputStream in) {
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
    if (left == 0) {
      left = nextChunkSize();
      if (left == 0) {
        while (!line().isEmpty()) {
          // trailer fields: nothing the proxy passes on
        }
        done = true;
        return -1;
      }
    }
    int read = in.read(buffer, offset, (int) Math.min(length, left));
    if (read < 0) {
      throw new EOFException("stream ended inside a chunk");
    }
    left -= read;
    if (left == 0 && !line().isEmpty()) {
      throw new IOException("chunk not followed by CRLF");
    }
    return read;
  }

  @Override
  public int available() throws IOException {
    return done ? 0 : (int) Math.min(in.available(), left);
  }

  private long nextChunkSize() throws IOException {
    String sizeLine = line();
    int extension = sizeLine.indexOf(';');
    String hex = (extension >= 0 ? sizeLine.substring(0, extension) : sizeLine).strip();
    try {
      long size = Long.parseLong(hex, 16);
      if (size < 0) {
        throw new NumberFormatException();
      }
      return size;
    } catch (NumberFormatException e) {
      throw new IOException("invalid chunk size '" + hex + "'", e);
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("stream ended inside chunked framing");
      }
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      if (line.size() >= MAX_SIZE_LINE) {
        throw new IOException("chunk framing line longer than " + MAX_SIZE_LINE + " bytes");
      }
      line.write(b);
    }
  }
}
