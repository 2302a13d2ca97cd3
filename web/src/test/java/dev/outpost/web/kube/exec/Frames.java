package dev.outpost.web.kube.exec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** WebSocket frames as kubectl (masked) and the API server (unmasked) send them, for tests. */
final class Frames {
  static final byte[] MASK = {0x12, 0x34, 0x56, 0x78};

  private Frames() {}

  static byte[] frame(boolean fin, int opcode, boolean masked, byte[] payload) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write((fin ? 0x80 : 0) | opcode);
    int maskBit = masked ? 0x80 : 0;
    if (payload.length < 126) {
      frame.write(maskBit | payload.length);
    } else if (payload.length < 65536) {
      frame.write(maskBit | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xff);
    } else {
      frame.write(maskBit | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) payload.length >>> shift) & 0xff);
      }
    }
    if (masked) {
      frame.writeBytes(MASK);
    }
    for (int i = 0; i < payload.length; i++) {
      frame.write(masked ? payload[i] ^ MASK[i & 3] : payload[i]);
    }
    return frame.toByteArray();
  }

  /** A whole binary message on {@code channel} of the Kubernetes channel protocol. */
  static byte[] channel(int channel, String data, boolean masked) {
    byte[] text = data.getBytes(StandardCharsets.UTF_8);
    byte[] payload = new byte[text.length + 1];
    payload[0] = (byte) channel;
    System.arraycopy(text, 0, payload, 1, text.length);
    return frame(true, WebSocketMessages.BINARY, masked, payload);
  }
}
