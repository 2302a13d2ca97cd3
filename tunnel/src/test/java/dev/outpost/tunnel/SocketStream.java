package dev.outpost.tunnel;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;

/** A TCP connection posing as a tunnel stream, so the SSH path is tested without a proxy. */
public final class SocketStream implements TunnelStream {

  private final Socket socket;

  public SocketStream(Socket socket) {
    this.socket = socket;
  }

  @Override
  public int id() {
    return 1;
  }

  @Override
  public String target() {
    return "ssh:test";
  }

  @Override
  public InputStream input() {
    try {
      return socket.getInputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public OutputStream output() {
    try {
      return new FilterOutputStream(socket.getOutputStream()) {
        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
          out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
          socket.shutdownOutput();
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void reset(String reason) {
    close();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // test double: nothing to report
    }
  }
}
