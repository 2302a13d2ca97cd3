package dev.outpost.tunnel;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** The {@link Splice.Side} kinds Outpost splices. */
final class SpliceSides {
  private SpliceSides() {}

  static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // Nothing left to tell: the bytes have been delivered or the side is gone already.
    }
  }

  /** {@code input} is the stream's input, or a buffer over it that has already been read from. */
  record StreamSide(TunnelStream stream, InputStream input) implements Splice.Side {
    @Override
    public OutputStream output() {
      return stream.output();
    }

    @Override
    public void closeOutput() throws IOException {
      stream.output().close();
    }

    @Override
    public void abort(String reason) {
      stream.reset(reason);
    }

    @Override
    public void close() {
      stream.close();
    }
  }

  record SocketSide(Socket socket, InputStream input, OutputStream output) implements Splice.Side {
    static SocketSide of(Socket socket) throws IOException {
      return new SocketSide(socket, socket.getInputStream(), socket.getOutputStream());
    }

    @Override
    public void closeOutput() throws IOException {
      if (!socket.isClosed() && !socket.isOutputShutdown()) {
        socket.shutdownOutput();
      }
    }

    @Override
    public void abort(String reason) {
      closeQuietly(socket);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  record PipeSide(InputStream input, OutputStream output) implements Splice.Side {
    @Override
    public void closeOutput() throws IOException {
      output.close();
    }

    @Override
    public void abort(String reason) {
      closeQuietly(input);
      closeQuietly(output);
    }

    @Override
    public void close() throws IOException {
      try (input;
          output) {
        // try-with-resources closes both, even if one fails
      }
    }
  }
}
