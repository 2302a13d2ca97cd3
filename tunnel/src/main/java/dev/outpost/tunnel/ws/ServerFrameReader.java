package dev.outpost.tunnel.ws;

import static dev.outpost.tunnel.ws.WebSocketFrames.BINARY;
import static dev.outpost.tunnel.ws.WebSocketFrames.CLOSE;
import static dev.outpost.tunnel.ws.WebSocketFrames.CONTINUATION;
import static dev.outpost.tunnel.ws.WebSocketFrames.FIN;
import static dev.outpost.tunnel.ws.WebSocketFrames.LENGTH_16;
import static dev.outpost.tunnel.ws.WebSocketFrames.LENGTH_64;
import static dev.outpost.tunnel.ws.WebSocketFrames.MASKED;
import static dev.outpost.tunnel.ws.WebSocketFrames.MAX_CONTROL_PAYLOAD;
import static dev.outpost.tunnel.ws.WebSocketFrames.OPCODE_BITS;
import static dev.outpost.tunnel.ws.WebSocketFrames.PING;
import static dev.outpost.tunnel.ws.WebSocketFrames.PONG;
import static dev.outpost.tunnel.ws.WebSocketFrames.RESERVED_BITS;
import static dev.outpost.tunnel.ws.WebSocketFrames.TEXT;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.ToIntFunction;

/**
 * Reads the RFC 6455 frames a client sends to a server that takes binary messages only, from bytes
 * as the network delivers them (any split): unmasks them eight bytes at a time, joins fragmented
 * messages, and hands each whole message, ping and close to a {@link Handler}. The tunnel's own
 * client reads the proxy's frames with the same rules ({@link #ofServerFrames}), where every frame
 * must come unmasked instead.
 *
 * <p>Everything a client may not send fails the connection with a precise reason and close code:
 * an unmasked frame (a masked one from a server), reserved bits (no extension is ever negotiated),
 * a reserved opcode, a control frame that is fragmented or longer than 125 bytes, a continuation
 * without a message to continue or a new message before the last one ended, a length not in its shortest form or beyond the
 * message cap (1009), a text message (1003), an invalid close code or a close reason that is not
 * UTF-8 (1007). After a close frame or a failure, further input is ignored.
 *
 * <p>Not thread-safe: one network reader at a time.
 */
public final class ServerFrameReader {
  private static final int MAX_HEADER = 2 + 8 + 4;

  /** What the reader finds, in order, on the reading thread. */
  public interface Handler {
    /** One whole binary message; the buffer is only valid during the call. */
    void onMessage(ByteBuffer message);

    /** A ping; the payload (at most 125 bytes) is only valid during the call. */
    void onPing(ByteBuffer payload);

    /** The client's close frame: its code ({@link CloseCodes#NO_STATUS} if none) and reason. */
    void onClose(int code, String reason);
  }

  private final MessageAssembler message;
  private final Handler handler;
  /** Whether frames come from a client, which masks every one, or from a server, which never does. */
  private final boolean fromClient;
  private final byte[] header = new byte[MAX_HEADER];
  private final ByteBuffer control = ByteBuffer.allocate(MAX_CONTROL_PAYLOAD);
  private int headerBytes;
  private boolean inPayload;
  private boolean messageOpen;
  private boolean done;
  private int opcode;
  private boolean fin;
  private int maskKey;
  private long payloadLength;
  private long payloadRead;

  /**
   * @param maxMessage the largest message accepted, in bytes
   * @param expectedSize a message's whole size as its first bytes announce it (0: unknown), so that
   *     a message in many fragments is gathered into one buffer of the right size
   */
  public ServerFrameReader(int maxMessage, ToIntFunction<ByteBuffer> expectedSize, Handler handler) {
    this(maxMessage, expectedSize, handler, true);
  }

  private ServerFrameReader(
      int maxMessage, ToIntFunction<ByteBuffer> expectedSize, Handler handler, boolean fromClient) {
    this.message = new MessageAssembler(maxMessage, expectedSize);
    this.handler = handler;
    this.fromClient = fromClient;
  }

  /** A reader of the frames a server sends to its client: the same rules, but never masked. */
  static ServerFrameReader ofServerFrames(
      int maxMessage, ToIntFunction<ByteBuffer> expectedSize, Handler handler) {
    return new ServerFrameReader(maxMessage, expectedSize, handler, false);
  }

  /**
   * Consumes all of {@code input}, calling the handler for everything it completes.
   *
   * @throws WebSocketProtocolException if the client broke the protocol; the reader is then done
   */
  public void read(ByteBuffer input) throws WebSocketProtocolException {
    try {
      while (input.hasRemaining() && !done) {
        if (inPayload) {
          readPayload(input);
        } else if (readHeader(input) && payloadLength == 0) {
          endFrame();
        }
      }
    } catch (WebSocketProtocolException e) {
      done = true;
      throw e;
    }
    if (done) {
      input.position(input.limit());
    }
  }

  /** True once the client's close frame arrived or it broke the protocol. */
  public boolean isDone() {
    return done;
  }

  private boolean readHeader(ByteBuffer input) throws WebSocketProtocolException {
    if (headerBytes < 2) {
      if (!fill(input, 2)) {
        return false;
      }
      checkFirstBytes(header[0] & 0xFF, header[1] & 0xFF);
    }
    if (!fill(input, 2 + extendedLengthBytes() + (fromClient ? 4 : 0))) {
      return false;
    }
    beginPayload();
    return true;
  }

  /** Takes header bytes from {@code input} until there are {@code needed}; whether there are. */
  private boolean fill(ByteBuffer input, int needed) {
    int n = Math.min(needed - headerBytes, input.remaining());
    input.get(header, headerBytes, n);
    headerBytes += n;
    return headerBytes == needed;
  }

  private int extendedLengthBytes() {
    int length = header[1] & 0x7F;
    return length == LENGTH_16 ? 2 : length == LENGTH_64 ? 8 : 0;
  }

  private void checkFirstBytes(int first, int second) throws WebSocketProtocolException {
    opcode = first & OPCODE_BITS;
    fin = (first & FIN) != 0;
    if ((first & RESERVED_BITS) != 0) {
      throw protocolError(String.format(
          "reserved bits 0x%02X set, but no extension was negotiated", first & RESERVED_BITS));
    }
    boolean controlFrame = opcode >= CLOSE;
    if (opcode > BINARY && opcode != CLOSE && opcode != PING && opcode != PONG) {
      throw protocolError(String.format("reserved opcode 0x%X", opcode));
    }
    if (controlFrame && !fin) {
      throw protocolError("fragmented control frame (opcode 0x" + Integer.toHexString(opcode) + ")");
    }
    if (controlFrame && (second & 0x7F) > MAX_CONTROL_PAYLOAD) {
      throw protocolError("control frame longer than " + MAX_CONTROL_PAYLOAD + " bytes");
    }
    if (fromClient && (second & MASKED) == 0) {
      throw protocolError("unmasked frame from a client");
    }
    if (!fromClient && (second & MASKED) != 0) {
      throw protocolError("masked frame from a server");
    }
    if (opcode == CONTINUATION && !messageOpen) {
      throw protocolError("continuation frame without a message to continue");
    }
    if ((opcode == TEXT || opcode == BINARY) && messageOpen) {
      throw protocolError("new message before the previous one was finished");
    }
    if (opcode == TEXT) {
      throw new WebSocketProtocolException(CloseCodes.UNSUPPORTED_DATA, "text messages are not accepted");
    }
  }

  private void beginPayload() throws WebSocketProtocolException {
    ByteBuffer fields = ByteBuffer.wrap(header, 2, headerBytes - 2);
    int shortLength = header[1] & 0x7F;
    long length;
    if (shortLength == LENGTH_16) {
      length = Short.toUnsignedInt(fields.getShort());
      if (length < LENGTH_16) {
        throw protocolError("16-bit length " + length + " where 7 bits suffice");
      }
    } else if (shortLength == LENGTH_64) {
      length = fields.getLong();
      if (length < 0) {
        throw protocolError("64-bit length with the most significant bit set");
      }
      if (length <= 0xFFFF) {
        throw protocolError("64-bit length " + length + " where 16 bits suffice");
      }
    } else {
      length = shortLength;
    }
    maskKey = fromClient ? fields.getInt() : 0;
    headerBytes = 0;
    payloadLength = length;
    payloadRead = 0;
    inPayload = true;
    if (opcode >= CLOSE) {
      control.clear().limit((int) length);
    } else {
      message.reserve(length, fin);
    }
  }

  private void readPayload(ByteBuffer input) throws WebSocketProtocolException {
    int n = (int) Math.min(payloadLength - payloadRead, input.remaining());
    if (opcode >= CLOSE) {
      control.put(control.position(), input, input.position(), n).position(control.position() + n);
      input.position(input.position() + n);
    } else {
      message.append(input, n, maskKey, payloadRead);
    }
    payloadRead += n;
    if (payloadRead == payloadLength) {
      endFrame();
    }
  }

  private void endFrame() throws WebSocketProtocolException {
    inPayload = false;
    if (opcode < CLOSE) {
      messageOpen = !fin;
      if (fin) {
        handler.onMessage(message.finish());
      }
      return;
    }
    ByteBuffer payload = control.flip();
    Masking.unmask(payload.array(), 0, payload.limit(), maskKey, 0);
    if (opcode == PING) {
      handler.onPing(payload);
    } else if (opcode == CLOSE) {
      done = true;
      onClose(payload);
    }
  }

  private void onClose(ByteBuffer payload) throws WebSocketProtocolException {
    if (payload.remaining() == 0) {
      handler.onClose(CloseCodes.NO_STATUS, "");
      return;
    }
    if (payload.remaining() == 1) {
      throw protocolError("close frame with a one-byte payload");
    }
    int code = Short.toUnsignedInt(payload.getShort());
    if (!CloseCodes.isValidToReceive(code)) {
      throw protocolError("invalid close code " + code);
    }
    String reason;
    try {
      reason = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(payload)
          .toString();
    } catch (CharacterCodingException e) {
      throw new WebSocketProtocolException(CloseCodes.INVALID_DATA, "close reason is not UTF-8");
    }
    handler.onClose(code, reason);
  }

  private static WebSocketProtocolException protocolError(String message) {
    return new WebSocketProtocolException(CloseCodes.PROTOCOL_ERROR, message);
  }
}
