package dev.outpost.it.kube;

import dev.outpost.it.WebSocketFrames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A byte stream carried in WebSocket binary messages, as kubectl 1.30 and later tunnel SPDY for
 * {@code port-forward} (subprotocol {@code SPDY/3.1+portforward.k8s.io}): the payloads of the
 * client's binary frames (and their continuations) are the bytes read, in order, wherever the
 * messages split them; each flush of the output is one unmasked binary message. Pings are
 * answered; a close frame ends the input.
 */
final class WebSocketTunnel {
  private static final int CONTINUATION = 0;
  private static final int BINARY = 2;
  private static final int CLOSE = 8;
  private static final int PING = 9;
  private static final int PONG = 10;
  /** WebSocketFrames writes messages up to this size. */
  private static final int MAX_MESSAGE = 0xffff;

  private final InputStream in;
  private final OutputStream out;

  WebSocketTunnel(InputStream in, OutputStream out) {
    this.in = in;
    this.out = out;
  }

  /** The bytes of the client's messages. */
  InputStream input() {
    return new InputStream() {
      private byte[] message = new byte[0];
      private int at;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
          return 0; // readNBytes asks for none once it has all: waiting for a message would stall
        }
        while (at == message.length) {
          message = nextPayload();
          at = 0;
          if (message == null) {
            message = new byte[0];
            return -1;
          }
        }
        int count = Math.min(length, message.length - at);
        System.arraycopy(message, at, buffer, offset, count);
        at += count;
        return count;
      }
    };
  }

  /** Bytes written go out as one binary message at each flush. */
  OutputStream output() {
    return new ByteArrayOutputStream() {
      @Override
      public synchronized void flush() throws IOException {
        byte[] message = toByteArray();
        reset();
        for (int at = 0; at < message.length; at += MAX_MESSAGE) {
          send(BINARY, Arrays.copyOfRange(message, at,
              Math.min(message.length, at + MAX_MESSAGE)));
        }
      }
    };
  }

  /** The next data payload, or null once the client closed. */
  private byte[] nextPayload() throws IOException {
    while (true) {
      WebSocketFrames.Frame frame = WebSocketFrames.read(in);
      if (frame == null) {
        return null;
      } else if (frame.opcode() == CLOSE) {
        send(CLOSE, frame.payload().length >= 2 ? new byte[] {frame.payload()[0], frame.payload()[1]}
            : new byte[0]);
        return null;
      } else if (frame.opcode() == PING) {
        send(PONG, frame.payload());
      } else if (frame.opcode() == BINARY || frame.opcode() == CONTINUATION) {
        return frame.payload();
      }
    }
  }

  private void send(int opcode, byte[] payload) throws IOException {
    synchronized (out) {
      WebSocketFrames.write(out, opcode, payload, false);
    }
  }
}
