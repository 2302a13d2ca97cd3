package dev.outpost.tunnel.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskingTest {

  /** Byte i of a payload XOR key byte (i mod 4): RFC 6455, 5.3, as plainly as it can be written. */
  private static void unmaskByteWise(byte[] bytes, int offset, int length, int key, long payloadOffset) {
    for (int i = 0; i < length; i++) {
      long position = payloadOffset + i;
      bytes[offset + i] ^= (byte) (key >>> (24 - 8 * (int) (position % 4)));
    }
  }

  @Test
  void unmasksLikeTheByteWiseDefinitionAtEveryOffsetLengthAndKeyPhase() {
    Random random = new Random(6455);
    for (int round = 0; round < 20_000; round++) {
      byte[] data = new byte[random.nextInt(80)];
      random.nextBytes(data);
      int offset = data.length == 0 ? 0 : random.nextInt(data.length);
      int length = random.nextInt(data.length - offset + 1);
      int key = random.nextInt();
      long payloadOffset = random.nextInt(1 << 20);
      byte[] expected = data.clone();
      unmaskByteWise(expected, offset, length, key, payloadOffset);
      Masking.unmask(data, offset, length, key, payloadOffset);
      assertArrayEquals(expected, data, "offset " + offset + " length " + length + " phase " + payloadOffset % 4);
    }
  }

  @Test
  void aPayloadUnmaskedInChunksEqualsItUnmaskedWhole() {
    Random random = new Random(17);
    byte[] whole = new byte[10_000];
    random.nextBytes(whole);
    byte[] chunked = whole.clone();
    int key = 0xA1B2C3D4;
    Masking.unmask(whole, 0, whole.length, key, 0);
    for (int at = 0; at < chunked.length; ) {
      int n = Math.min(chunked.length - at, 1 + random.nextInt(37));
      Masking.unmask(chunked, at, n, key, at);
      at += n;
    }
    assertArrayEquals(whole, chunked);
  }
}
