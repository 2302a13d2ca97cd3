package dev.outpost.tunnel.ws;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The masking RFC 6455 demands of every client frame: byte i of a frame's payload is XORed with
 * byte (i mod 4) of the frame's 32-bit key, which masks and unmasks alike. Eight bytes at a time,
 * as one {@code long}, since every byte an agent or a CLI sends passes through here twice: masked
 * by the client, unmasked on the proxy.
 */
public final class Masking {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private Masking() {}

  /** Masks {@code length} bytes in place: the same XOR as {@link #unmask}. */
  public static void mask(byte[] bytes, int offset, int length, int key, long payloadOffset) {
    unmask(bytes, offset, length, key, payloadOffset);
  }

  /**
   * Unmasks {@code length} bytes of {@code bytes} from {@code offset} in place.
   *
   * @param key the frame's masking key, its first byte most significant
   * @param payloadOffset where in the frame's payload {@code offset} lies (chunks of one frame
   *     continue the key where the previous chunk stopped)
   */
  public static void unmask(byte[] bytes, int offset, int length, int key, long payloadOffset) {
    int shift = (int) (payloadOffset & 3) * 8;
    int rotated = shift == 0 ? key : Integer.rotateLeft(key, shift);
    long word = (rotated & 0xFFFF_FFFFL) << 32 | (rotated & 0xFFFF_FFFFL);
    int i = offset;
    int end = offset + length;
    for (; i <= end - Long.BYTES; i += Long.BYTES) {
      LONGS.set(bytes, i, (long) LONGS.get(bytes, i) ^ word);
    }
    for (int k = 0; i < end; i++, k++) {
      bytes[i] ^= (byte) (rotated >>> (24 - 8 * (k & 3)));
    }
  }
}
