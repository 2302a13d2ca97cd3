package dev.outpost.it.kube.spdy;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads SPDY/3.1 frames from one side of a connection. Control frames of other versions are
 * refused; control frame types it does not know (CREDENTIAL, NOOP) are skipped whole.
 */
public final class SpdyFrameReader {
  /** Larger frames are refused: kubectl sends data in pieces of 32 KiB at most. */
  static final int MAX_LENGTH = 1 << 20;

  private final DataInputStream in;
  private final HeaderBlockDecoder headers = new HeaderBlockDecoder();

  public SpdyFrameReader(InputStream in) {
    this.in = new DataInputStream(in);
  }

  /** The next frame; null when the connection ends between frames. */
  public SpdyFrame read() throws IOException {
    int first = in.read();
    if (first < 0) {
      return null;
    }
    int word = (first << 24) | (in.readUnsignedByte() << 16) | in.readUnsignedShort();
    int flags = in.readUnsignedByte();
    int length = (in.readUnsignedByte() << 16) | in.readUnsignedShort();
    if (length > MAX_LENGTH) {
      throw new IOException("frame of " + length + " bytes");
    }
    byte[] payload = in.readNBytes(length);
    if (payload.length != length) {
      throw new EOFException("frame cut short");
    }
    boolean fin = (flags & SpdyFrame.FLAG_FIN) != 0;
    if ((first & 0x80) == 0) {
      return new SpdyFrame.Data(word & 0x7fffffff, fin, payload);
    }
    int version = (word >>> 16) & 0x7fff;
    if (version != 3) {
      throw new IOException("SPDY version " + version + ", not 3");
    }
    return control(word & 0xffff, fin, payload);
  }

  private SpdyFrame control(int type, boolean fin, byte[] payload) throws IOException {
    DataInputStream body = new DataInputStream(new ByteArrayInputStream(payload));
    return switch (type) {
      case 1 -> new SpdyFrame.SynStream(body.readInt() & 0x7fffffff, body.readInt() & 0x7fffffff,
          (body.readUnsignedShort() >>> 13) & 0x7, fin, headers(payload, 10));
      case 2 -> new SpdyFrame.SynReply(body.readInt() & 0x7fffffff, fin, headers(payload, 4));
      case 3 -> new SpdyFrame.RstStream(body.readInt() & 0x7fffffff, body.readInt());
      case 4 -> settings(body);
      case 6 -> new SpdyFrame.Ping(body.readInt());
      case 7 -> new SpdyFrame.GoAway(body.readInt() & 0x7fffffff, body.readInt());
      case 8 -> new SpdyFrame.Headers(body.readInt() & 0x7fffffff, fin, headers(payload, 4));
      case 9 -> new SpdyFrame.WindowUpdate(body.readInt() & 0x7fffffff, body.readInt() & 0x7fffffff);
      default -> read();
    };
  }

  private Map<String, String> headers(byte[] payload, int offset) throws IOException {
    if (payload.length < offset) {
      throw new EOFException("control frame cut short");
    }
    return headers.decode(Arrays.copyOfRange(payload, offset, payload.length));
  }

  private static SpdyFrame.Settings settings(DataInputStream body) throws IOException {
    int entries = body.readInt();
    if (entries < 0 || entries > MAX_LENGTH / 8) {
      throw new IOException(entries + " settings");
    }
    Map<Integer, Integer> values = new LinkedHashMap<>();
    for (int i = 0; i < entries; i++) {
      int idWithFlags = body.readInt();
      values.put(idWithFlags & 0xffffff, body.readInt());
    }
    return new SpdyFrame.Settings(values);
  }
}
