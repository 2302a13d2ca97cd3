package dev.outpost.web.kube.exec;

import dev.outpost.tunnel.ws.Masking;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Reads the WebSocket frames (RFC 6455) of one direction of a connection as its bytes pass by, in
 * pieces of any size, and hands on each whole data message (fragments joined, unmasked) and each
 * close. Pings and pongs are skipped. The reader only observes: it never answers, so what it
 * refuses ({@link ProtocolViolation}) ends the reading, not the connection.
 *
 * <p>No extension may be in use (no reserved bit set): kubectl and the API server negotiate none.
 */
public final class WebSocketMessages {
  public static final int CONTINUATION = 0;
  public static final int TEXT = 1;
  public static final int BINARY = 2;
  public static final int CLOSE = 8;
  private static final int PING = 9;
  private static final int PONG = 10;
  private static final int MAX_CONTROL = 125;
  private static final int MAX_HEADER = 14;

  /** Takes the messages read. */
  public interface Listener {
    /** A whole data message, {@link #TEXT} or {@link #BINARY}, or a {@link #CLOSE}. */
    void message(int opcode, byte[] payload) throws ProtocolViolation;
  }

  private final boolean fromClient;
  private final int maxMessage;
  private final Listener listener;
  private final byte[] header = new byte[MAX_HEADER];
  private int headerRead;
  /** Bytes of the current frame's payload still to come; -1 while reading a header. */
  private long payloadLeft = -1;
  private int opcode;
  private boolean fin;
  private int maskKey;
  private boolean masked;
  private long payloadRead;
  private int messageOpcode = -1;
  private final ByteArrayOutputStream message = new ByteArrayOutputStream();
  private final ByteArrayOutputStream control = new ByteArrayOutputStream();

  /**
   * @param fromClient whether the frames come from the client, which masks every frame (the
   *     server masks none)
   * @param maxMessage the largest message accepted, fragments together
   */
  public WebSocketMessages(boolean fromClient, int maxMessage, Listener listener) {
    this.fromClient = fromClient;
    this.maxMessage = maxMessage;
    this.listener = listener;
  }

  /** Reads {@code length} more bytes of the connection. */
  public void accept(byte[] data, int offset, int length) throws ProtocolViolation {
    int at = offset;
    int end = offset + length;
    while (at < end) {
      if (payloadLeft < 0) {
        header[headerRead++] = data[at++];
        if (headerRead >= 2 && headerRead == headerLength()) {
          startFrame();
        }
      } else {
        int n = (int) Math.min(payloadLeft, end - at);
        payload(data, at, n);
        at += n;
        payloadLeft -= n;
        if (payloadLeft == 0) {
          endFrame();
        }
      }
    }
  }

  private int headerLength() {
    int code = header[1] & 0x7f;
    int extended = code == 126 ? 2 : code == 127 ? 8 : 0;
    return 2 + extended + ((header[1] & 0x80) != 0 ? 4 : 0);
  }

  private void startFrame() throws ProtocolViolation {
    fin = (header[0] & 0x80) != 0;
    opcode = header[0] & 0x0f;
    masked = (header[1] & 0x80) != 0;
    if ((header[0] & 0x70) != 0) {
      throw new ProtocolViolation("reserved bits set (no extension was negotiated)");
    }
    if (masked != fromClient) {
      throw new ProtocolViolation(fromClient ? "client frame not masked" : "server frame masked");
    }
    int code = header[1] & 0x7f;
    long length = code;
    if (code >= 126) {
      length = 0;
      for (int i = 2; i < (code == 126 ? 4 : 10); i++) {
        length = length << 8 | (header[i] & 0xff);
      }
      if (length < 0) {
        throw new ProtocolViolation("frame length has its most significant bit set");
      }
    }
    if (masked) {
      maskKey = (header[headerRead - 4] & 0xff) << 24 | (header[headerRead - 3] & 0xff) << 16
          | (header[headerRead - 2] & 0xff) << 8 | header[headerRead - 1] & 0xff;
    }
    checkFrame(length);
    payloadLeft = length;
    payloadRead = 0;
    headerRead = 0;
    if (length == 0) {
      endFrame();
    }
  }

  private void checkFrame(long length) throws ProtocolViolation {
    switch (opcode) {
      case CLOSE, PING, PONG -> {
        if (!fin || length > MAX_CONTROL) {
          throw new ProtocolViolation("control frame fragmented or longer than 125 bytes");
        }
      }
      case TEXT, BINARY -> {
        if (messageOpcode >= 0) {
          throw new ProtocolViolation("new message before the last one's final fragment");
        }
        messageOpcode = opcode;
      }
      case CONTINUATION -> {
        if (messageOpcode < 0) {
          throw new ProtocolViolation("continuation frame without a message to continue");
        }
      }
      default -> throw new ProtocolViolation("unknown opcode " + opcode);
    }
    if (opcode < CLOSE && message.size() + length > maxMessage) {
      throw new ProtocolViolation("message longer than " + maxMessage + " bytes");
    }
  }

  private void payload(byte[] data, int offset, int length) {
    ByteArrayOutputStream into = opcode >= CLOSE ? control : message;
    if (!masked) {
      into.write(data, offset, length);
      return;
    }
    byte[] chunk = Arrays.copyOfRange(data, offset, offset + length);
    Masking.unmask(chunk, 0, length, maskKey, payloadRead);
    payloadRead += length;
    into.write(chunk, 0, length);
  }

  private void endFrame() throws ProtocolViolation {
    payloadLeft = -1;
    if (opcode >= CLOSE) {
      byte[] payload = control.toByteArray();
      control.reset();
      if (opcode == CLOSE) {
        listener.message(CLOSE, payload);
      }
      return;
    }
    if (fin) {
      byte[] payload = message.toByteArray();
      int kind = messageOpcode;
      message.reset();
      messageOpcode = -1;
      listener.message(kind, payload);
    }
  }
}
