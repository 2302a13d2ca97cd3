package dev.outpost.tunnel.ws;

import static dev.outpost.tunnel.ws.RecordingHandler.close;
import static dev.outpost.tunnel.ws.RecordingHandler.failure;
import static dev.outpost.tunnel.ws.RecordingHandler.message;
import static dev.outpost.tunnel.ws.RecordingHandler.ping;
import static dev.outpost.tunnel.ws.RecordingHandler.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.tunnel.frame.FrameCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ServerFrameReaderTest {
  private static final int MAX = 64 * 1024;
  private static final int KEY = 0x37FA213D;

  @Test
  void readsAMessageWholeOrByteByByte() {
    byte[] payload = random(70_000 / 2);
    byte[] input = new ClientFrames().frame(true, 0x2, payload, KEY).toBytes();
    assertEquals(List.of(message(payload)), RecordingHandler.read(MAX, input, input.length).events);
    assertEquals(List.of(message(payload)), RecordingHandler.read(MAX, input, 1).events);
    assertEquals(List.of(message(payload)), RecordingHandler.read(MAX, input, 3, 7, 4096).events);
  }

  @Test
  void joinsFragmentsAndAnswersPingsBetweenThem() {
    byte[] a = random(200);
    byte[] b = random(70_000 - 200 - 40_000);
    byte[] c = random(0);
    byte[] input = new ClientFrames()
        .frame(false, 0x2, a, KEY)
        .frame(true, 0x9, utf8("are you there"), KEY + 1)
        .frame(false, 0x0, b, KEY + 2)
        .frame(true, 0x0, c, KEY + 3)
        .frame(true, 0x2, new byte[0], KEY)
        .toBytes();
    byte[] joined = ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    assertEquals(List.of(ping(utf8("are you there")), message(joined), message(new byte[0])),
        RecordingHandler.read(MAX, input, 5, 1000).events);
  }

  @Test
  void gathersAMessageIntoTheSizeItsFirstBytesAnnounce() throws WebSocketProtocolException {
    byte[] message = ByteBuffer.allocate(10 + 50_000).put((byte) 5).put((byte) 0).putInt(1).putInt(50_000).array();
    ClientFrames frames = new ClientFrames();
    for (int at = 0; at < message.length; at += 16_384) {
      byte[] part = java.util.Arrays.copyOfRange(message, at, Math.min(message.length, at + 16_384));
      frames.frame(at + 16_384 >= message.length, at == 0 ? 0x2 : 0x0, part, KEY);
    }
    List<Integer> capacities = new ArrayList<>();
    ServerFrameReader reader = new ServerFrameReader(MAX, FrameCodec::messageLength,
        new ServerFrameReader.Handler() {
          @Override
          public void onMessage(ByteBuffer whole) {
            capacities.add(whole.capacity());
            assertEquals(ByteBuffer.wrap(message), whole);
          }

          @Override
          public void onPing(ByteBuffer payload) {}

          @Override
          public void onClose(int code, String reason) {}
        });
    reader.read(ByteBuffer.wrap(frames.toBytes()));
    assertEquals(List.of(message.length), capacities);
  }

  /**
   * The proxy reads every connection through one array per container thread and the tunnel keeps
   * each message it is handed (a relay even sends it on, a replay buffer holds it until credited):
   * no later read, into the same array or not, may touch a message already handed over.
   */
  @Test
  void aMessageHandedOverIsNeverTouchedByLaterReadsIntoTheSameArray()
      throws WebSocketProtocolException {
    // Messages in three shapes, in turn: a first part, its continuation, a message in one frame.
    List<byte[]> parts = new ArrayList<>();
    ClientFrames frames = new ClientFrames();
    for (int i = 0; i < 39; i++) {
      byte[] payload = random(100 + 601 * i);
      parts.add(payload);
      frames.frame(i % 3 != 0, i % 3 == 1 ? 0x0 : 0x2, payload, KEY + i);
    }
    List<ByteBuffer> kept = new ArrayList<>();
    ServerFrameReader reader = new ServerFrameReader(MAX, FrameCodec::messageLength,
        new ServerFrameReader.Handler() {
          @Override
          public void onMessage(ByteBuffer whole) {
            kept.add(whole); // kept as it is, no copy, as the tunnel keeps it
          }

          @Override
          public void onPing(ByteBuffer payload) {}

          @Override
          public void onClose(int code, String reason) {}
        });
    byte[] input = frames.toBytes();
    byte[] readArray = new byte[32 * 1024];
    for (int at = 0; at < input.length; at += 7_001) {
      int n = Math.min(7_001, input.length - at);
      Arrays.fill(readArray, (byte) 0x5A); // whatever the next socket read leaves there
      System.arraycopy(input, at, readArray, 0, n);
      reader.read(ByteBuffer.wrap(readArray, 0, n));
    }

    List<ByteBuffer> expected = new ArrayList<>();
    for (int i = 0; i < parts.size(); i += 3) {
      expected.add(ByteBuffer.allocate(parts.get(i).length + parts.get(i + 1).length)
          .put(parts.get(i)).put(parts.get(i + 1)).flip());
      expected.add(ByteBuffer.wrap(parts.get(i + 2)));
    }
    assertEquals(expected, kept);
  }

  @Test
  void readsCloseFramesWithAndWithoutAStatus() {
    byte[] withReason = ByteBuffer.allocate(2 + utf8("bye ✓").length).putShort((short) 1001).put(utf8("bye ✓")).array();
    assertEquals(List.of(close(1001, "bye ✓")),
        RecordingHandler.read(MAX, new ClientFrames().frame(true, 0x8, withReason, KEY).toBytes(), 1).events);
    assertEquals(List.of(close(1005, "")),
        RecordingHandler.read(MAX, new ClientFrames().frame(true, 0x8, new byte[0], KEY).toBytes(), 9).events);
  }

  @Test
  void ignoresEverythingAfterTheClientsClose() {
    byte[] input = new ClientFrames()
        .frame(true, 0x8, new byte[] {0x03, (byte) 0xE8}, KEY)
        .frame(true, 0x2, utf8("late"), KEY)
        .bytes(0xFF, 0xFF)
        .toBytes();
    assertEquals(List.of(close(1000, "")), RecordingHandler.read(MAX, input, 3).events);
  }

  @Test
  void refusesFramesNoClientMaySend() {
    assertFails(1002, "unmasked frame from a client",
        new ClientFrames().raw(0x82, utf8("plain"), 0, false, 0));
    assertFails(1002, "reserved bits 0x40 set, but no extension was negotiated",
        new ClientFrames().raw(0xC2, utf8("deflated?"), KEY, true, 0));
    assertFails(1002, "reserved opcode 0x3", new ClientFrames().raw(0x83, new byte[0], KEY, true, 0));
    assertFails(1002, "reserved opcode 0xB", new ClientFrames().raw(0x8B, new byte[0], KEY, true, 0));
    assertFails(1002, "fragmented control frame (opcode 0x9)",
        new ClientFrames().raw(0x09, new byte[0], KEY, true, 0));
    assertFails(1002, "control frame longer than 125 bytes",
        new ClientFrames().raw(0x89, new byte[126], KEY, true, 2));
    assertFails(1002, "continuation frame without a message to continue",
        new ClientFrames().frame(true, 0x0, utf8("orphan"), KEY));
    assertFails(1002, "new message before the previous one was finished",
        new ClientFrames().frame(false, 0x2, utf8("a"), KEY).frame(true, 0x2, utf8("b"), KEY));
    assertFails(1003, "text messages are not accepted", new ClientFrames().frame(true, 0x1, utf8("hi"), KEY));
  }

  @Test
  void refusesLengthsThatAreNotShortestOrTooLongBeforeReadingThePayload() {
    assertFails(1002, "16-bit length 5 where 7 bits suffice",
        new ClientFrames().raw(0x82, new byte[5], KEY, true, 2));
    assertFails(1002, "64-bit length 300 where 16 bits suffice",
        new ClientFrames().raw(0x82, new byte[300], KEY, true, 8));
    ClientFrames huge = new ClientFrames().bytes(0x82, 0xFF,
        0x80, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4);
    assertFails(1002, "64-bit length with the most significant bit set", huge);
    ClientFrames oversized = new ClientFrames().bytes(0x82, 0xFF,
        0, 0, 0x10, 0, 0, 0, 0, 0, 1, 2, 3, 4);
    assertFails(1009, "WebSocket message exceeds the maximum of 65536 bytes", oversized);
  }

  @Test
  void refusesAMessageWhoseFragmentsTogetherExceedTheLimit() {
    ClientFrames frames = new ClientFrames()
        .frame(false, 0x2, new byte[MAX / 2], KEY)
        .frame(false, 0x0, new byte[MAX / 2], KEY)
        .frame(true, 0x0, new byte[1], KEY);
    assertFails(1009, "WebSocket message exceeds the maximum of 65536 bytes", frames);
  }

  @Test
  void refusesMalformedCloseFrames() {
    assertFails(1002, "close frame with a one-byte payload",
        new ClientFrames().frame(true, 0x8, new byte[] {3}, KEY));
    for (int code : new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535}) {
      assertFails(1002, "invalid close code " + code, new ClientFrames()
          .frame(true, 0x8, ByteBuffer.allocate(2).putShort((short) code).array(), KEY));
    }
    assertFails(1007, "close reason is not UTF-8", new ClientFrames()
        .frame(true, 0x8, new byte[] {0x03, (byte) 0xE8, (byte) 0xC3, 0x28}, KEY));
  }

  @Test
  void acceptsEveryCloseCodeAClientMaySend() {
    for (int code : new int[] {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1014, 3000, 4999}) {
      byte[] input = new ClientFrames()
          .frame(true, 0x8, ByteBuffer.allocate(2).putShort((short) code).array(), KEY).toBytes();
      assertEquals(List.of(close(code, "")), RecordingHandler.read(MAX, input, 64).events);
    }
  }

  private static void assertFails(int code, String message, ClientFrames frames) {
    byte[] input = frames.toBytes();
    for (int chunk : new int[] {1, 2, input.length}) {
      RecordingHandler handler = RecordingHandler.read(MAX, input, chunk);
      assertEquals(failure(code), handler.events.get(handler.events.size() - 1), handler.events.toString());
      assertEquals(message, handler.lastFailure);
      assertTrue(handler.events.stream().filter(e -> e.startsWith("failure")).count() == 1);
    }
  }

  private static byte[] random(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return bytes;
  }
}
