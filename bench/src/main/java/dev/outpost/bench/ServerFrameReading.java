package dev.outpost.bench;

import dev.outpost.tunnel.frame.FrameCodec;
import dev.outpost.tunnel.ws.ServerFrameReader;
import dev.outpost.tunnel.ws.WebSocketProtocolException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.Random;

/**
 * What the proxy pays to read the WebSocket frames agents and clients send, without a server: 1 GiB
 * of tunnel messages of 256 KiB in masked fragments of 16 KiB (as the JDK client sends them), in
 * reads of 16 KiB (what the servlet layer delivers), through the proxy's own {@link
 * ServerFrameReader}; and the same payload bytes unmasked by Tyrus's {@code Masker} (Tyrus 2.1.5,
 * as inside Payara 6.2025.9), which is only the unmasking part of what Tyrus did. Prints CPU
 * seconds per GiB on one thread, three rounds (the later ones warm). See docs/performance.md.
 *
 * <pre>java -cp bench/target/classes:tunnel/target/classes:$(tyrus-core jar) dev.outpost.bench.ServerFrameReading</pre>
 */
public final class ServerFrameReading {
  private static final int MESSAGE = 256 * 1024;
  private static final int FRAGMENT = 16 * 1024;
  private static final int READ = 16 * 1024;
  private static final int MESSAGES_PER_GIB = (1 << 30) / MESSAGE;

  private ServerFrameReading() {}

  public static void main(String[] args) throws Exception {
    byte[] frames = maskedMessage();
    for (int round = 1; round <= 3; round++) {
      long start = cpuNanos();
      long[] delivered = {0};
      ServerFrameReader reader = new ServerFrameReader(MESSAGE + 64, FrameCodec::messageLength,
          new ServerFrameReader.Handler() {
            @Override
            public void onMessage(ByteBuffer message) {
              delivered[0] += message.remaining();
            }

            @Override
            public void onPing(ByteBuffer payload) {}

            @Override
            public void onClose(int code, String reason) {}
          });
      for (int m = 0; m < MESSAGES_PER_GIB; m++) {
        read(reader, frames);
      }
      double ours = (cpuNanos() - start) / 1e9;
      start = cpuNanos();
      long unmasked = unmaskWithTyrus(frames);
      double tyrus = (cpuNanos() - start) / 1e9;
      System.out.printf("round %d: ServerFrameReader %.2f CPU s per GiB (%d MiB delivered);"
              + " Tyrus Masker.unmask alone %.2f CPU s per GiB (%d MiB)%n",
          round, ours, delivered[0] >> 20, tyrus, unmasked >> 20);
    }
  }

  private static void read(ServerFrameReader reader, byte[] frames) throws WebSocketProtocolException {
    byte[] chunk = new byte[READ];
    for (int at = 0; at < frames.length; at += READ) {
      int n = Math.min(READ, frames.length - at);
      System.arraycopy(frames, at, chunk, 0, n); // the servlet layer's copy into the read buffer
      reader.read(ByteBuffer.wrap(chunk, 0, n));
    }
  }

  /** One tunnel DATA frame of 256 KiB minus its header, as masked WebSocket fragments. */
  private static byte[] maskedMessage() {
    ByteBuffer message = ByteBuffer.allocate(MESSAGE).put((byte) 5).put((byte) 0).putInt(1).putInt(MESSAGE - 10);
    Random random = new Random(1);
    ByteBuffer out = ByteBuffer.allocate(MESSAGE + (MESSAGE / FRAGMENT) * 8);
    for (int at = 0; at < MESSAGE; at += FRAGMENT) {
      int key = random.nextInt();
      out.put((byte) ((at + FRAGMENT >= MESSAGE ? 0x80 : 0) | (at == 0 ? 0x2 : 0x0)))
          .put((byte) (0x80 | 126)).putShort((short) FRAGMENT).putInt(key);
      for (int i = 0; i < FRAGMENT; i++) {
        out.put((byte) (message.get(at + i) ^ (key >>> (24 - 8 * (i % 4)))));
      }
    }
    return out.array();
  }

  /** Tyrus's {@code Masker.unmask} over every fragment's payload, a GiB's worth. */
  private static long unmaskWithTyrus(byte[] frames) throws Exception {
    Class<?> masker = Class.forName("org.glassfish.tyrus.core.Masker");
    Constructor<?> create = masker.getConstructor(ByteBuffer.class);
    Method readMask = masker.getMethod("readMask");
    Method unmask = masker.getMethod("unmask", int.class);
    create.setAccessible(true);
    readMask.setAccessible(true);
    unmask.setAccessible(true);
    long total = 0;
    for (int m = 0; m < MESSAGES_PER_GIB; m++) {
      for (int at = 0; at < frames.length; at += FRAGMENT + 8) {
        ByteBuffer fragment = ByteBuffer.wrap(frames, at + 4, FRAGMENT + 4);
        Object instance = create.newInstance(fragment);
        readMask.invoke(instance);
        total += ((byte[]) unmask.invoke(instance, FRAGMENT)).length;
      }
    }
    return total;
  }

  private static long cpuNanos() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }
}
