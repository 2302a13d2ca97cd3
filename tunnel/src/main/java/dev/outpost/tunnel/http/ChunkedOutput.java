package dev.outpost.tunnel.http;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Encodes a body as {@code Transfer-Encoding: chunked}, one chunk per write; {@link #finish}
 * writes the last chunk without closing the underlying stream.
 */
public final class ChunkedOutput extends FilterOutputStream {

  public ChunkedOutput(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return;
    }
    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(buffer, offset, length);
    out.write(CRLF);
  }

  /** Ends the body: the zero-length chunk and an empty trailer. */
  public void finish() throws IOException {
    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static final byte[] CRLF = {'\r', '\n'};
}
