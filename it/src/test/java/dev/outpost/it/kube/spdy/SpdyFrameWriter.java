package dev.outpost.it.kube.spdy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes SPDY/3.1 frames to one side of a connection, each whole and flushed (over a WebSocket,
 * one binary message a frame). Safe for the several threads of a session: frames never
 * interleave, and header blocks are compressed in the order they are sent.
 */
public final class SpdyFrameWriter {
  private final OutputStream out;
  private final HeaderBlockEncoder headers = new HeaderBlockEncoder();

  public SpdyFrameWriter(OutputStream out) {
    this.out = out;
  }

  public synchronized void write(SpdyFrame frame) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream body = new DataOutputStream(bytes);
    if (frame instanceof SpdyFrame.Data data) {
      body.writeInt(data.streamId() & 0x7fffffff);
      lengthAndFlags(body, data.fin(), data.data().length);
      body.write(data.data());
    } else if (frame instanceof SpdyFrame.SynStream syn) {
      // stream ids, then 3 bits of priority, 5 unused and 8 of slot
      byte[] fixed = ints(syn.streamId(), syn.associatedId(), (syn.priority() & 0x7) << 29);
      control(body, 1, syn.fin(), withBlock(syn.headers(), Arrays.copyOf(fixed, 10)));
    } else if (frame instanceof SpdyFrame.SynReply reply) {
      control(body, 2, reply.fin(), withBlock(reply.headers(), ints(reply.streamId())));
    } else if (frame instanceof SpdyFrame.RstStream rst) {
      control(body, 3, false, ints(rst.streamId(), rst.status()));
    } else if (frame instanceof SpdyFrame.Settings settings) {
      control(body, 4, false, settings(settings.values()));
    } else if (frame instanceof SpdyFrame.Ping ping) {
      control(body, 6, false, ints(ping.id()));
    } else if (frame instanceof SpdyFrame.GoAway away) {
      control(body, 7, false, ints(away.lastGoodStreamId(), away.status()));
    } else if (frame instanceof SpdyFrame.Headers more) {
      control(body, 8, more.fin(), withBlock(more.headers(), ints(more.streamId())));
    } else if (frame instanceof SpdyFrame.WindowUpdate update) {
      control(body, 9, false, ints(update.streamId(), update.delta()));
    } else {
      throw new IllegalArgumentException("no SPDY/3.1 encoding for " + frame);
    }
    bytes.writeTo(out);
    out.flush();
  }

  private static void control(DataOutputStream body, int type, boolean fin, byte[] payload)
      throws IOException {
    body.writeShort(0x8000 | 3);
    body.writeShort(type);
    lengthAndFlags(body, fin, payload.length);
    body.write(payload);
  }

  private static void lengthAndFlags(DataOutputStream body, boolean fin, int length)
      throws IOException {
    if (length >= 1 << 24) {
      throw new IOException("frame of " + length + " bytes");
    }
    body.writeInt((fin ? SpdyFrame.FLAG_FIN : 0) << 24 | length);
  }

  /** The 32-bit words of a frame's fixed part (stream ids with their high bit clear). */
  private static byte[] ints(int... words) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    for (int word : words) {
      out.writeInt(word);
    }
    return bytes.toByteArray();
  }

  private byte[] withBlock(Map<String, String> block, byte[] fixed) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(fixed);
    bytes.write(headers.encode(block));
    return bytes.toByteArray();
  }

  private static byte[] settings(Map<Integer, Integer> values) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(values.size());
    for (Map.Entry<Integer, Integer> value : values.entrySet()) {
      out.writeInt(value.getKey() & 0xffffff);
      out.writeInt(value.getValue());
    }
    return bytes.toByteArray();
  }
}
