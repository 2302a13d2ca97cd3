package dev.outpost.tunnel.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random client streams, well-formed and then corrupted, read by {@link ServerFrameReader} in
 * random chunks and by a plain reference reader that follows RFC 6455 byte by byte over the whole
 * input: both must report the same messages, pings and close, and fail with the same code.
 */
class ServerFrameReaderPropertyTest {
  private static final int MAX = 40_000;

  @Test
  void agreesWithTheReferenceOnRandomAndCorruptedStreams() {
    Random random = new Random(20261127);
    for (int round = 0; round < 3_000; round++) {
      byte[] input = randomStream(random);
      if (round % 2 == 1) {
        for (int flips = 1 + random.nextInt(3); flips > 0 && input.length > 0; flips--) {
          input[random.nextInt(input.length)] ^= (byte) (1 << random.nextInt(8));
        }
      }
      List<String> expected = reference(input);
      int[] chunks = {1 + random.nextInt(5), 1 + random.nextInt(300), 1 + random.nextInt(20_000)};
      assertEquals(expected, RecordingHandler.read(MAX, input, chunks).events, "round " + round);
    }
  }

  private static byte[] randomStream(Random random) {
    ClientFrames frames = new ClientFrames();
    int messages = random.nextInt(6);
    for (int m = 0; m < messages; m++) {
      int fragments = 1 + random.nextInt(4);
      for (int f = 0; f < fragments; f++) {
        if (random.nextInt(4) == 0) {
          frames.frame(true, 0x9, bytes(random, random.nextInt(126)), random.nextInt());
        }
        int length = random.nextInt(8) == 0 ? 1000 + random.nextInt(12_000) : random.nextInt(300);
        frames.frame(f == fragments - 1, f == 0 ? 0x2 : 0x0, bytes(random, length), random.nextInt());
      }
    }
    if (random.nextBoolean()) {
      byte[] reason = "done".getBytes(StandardCharsets.UTF_8);
      frames.frame(true, 0x8, ByteBuffer.allocate(2 + reason.length).putShort((short) 1000).put(reason).array(),
          random.nextInt());
    }
    return frames.toBytes();
  }

  private static byte[] bytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  /** RFC 6455's rules for a server taking binary messages, over the whole input at once. */
  private static List<String> reference(byte[] in) {
    List<String> events = new ArrayList<>();
    ByteArrayOutputStream message = null;
    int at = 0;
    while (at < in.length) {
      if (in.length - at < 2) {
        return events;
      }
      int first = in[at] & 0xFF;
      int second = in[at + 1] & 0xFF;
      boolean fin = (first & 0x80) != 0;
      int opcode = first & 0x0F;
      boolean control = opcode >= 8;
      if ((first & 0x70) != 0 || (opcode > 2 && opcode != 8 && opcode != 9 && opcode != 10)
          || (control && !fin) || (control && (second & 0x7F) > 125) || (second & 0x80) == 0
          || (opcode == 0 && message == null) || ((opcode == 1 || opcode == 2) && message != null)) {
        return failed(events, 1002);
      }
      if (opcode == 1) {
        return failed(events, 1003);
      }
      int lengthBytes = (second & 0x7F) == 126 ? 2 : (second & 0x7F) == 127 ? 8 : 0;
      if (in.length - at < 2 + lengthBytes + 4) {
        return events;
      }
      long length = second & 0x7F;
      for (int i = 0; i < lengthBytes; i++) {
        length = length == 126 || length == 127 ? 0 : length;
        length = (length << 8) | (in[at + 2 + i] & 0xFF);
      }
      if ((lengthBytes == 2 && length < 126) || (lengthBytes == 8 && (length < 0 || length <= 0xFFFF))) {
        return failed(events, 1002);
      }
      int current = message == null ? 0 : message.size();
      if (!control && current + length > MAX) {
        return failed(events, 1009);
      }
      int payloadAt = at + 2 + lengthBytes + 4;
      if (in.length - payloadAt < length) {
        return events;
      }
      byte[] payload = new byte[(int) length];
      for (int i = 0; i < length; i++) {
        payload[i] = (byte) (in[payloadAt + i] ^ in[at + 2 + lengthBytes + (i % 4)]);
      }
      at = payloadAt + (int) length;
      if (opcode == 9) {
        events.add(RecordingHandler.ping(payload));
      } else if (opcode == 8) {
        return close(events, payload);
      } else if (!control) {
        message = message == null ? new ByteArrayOutputStream() : message;
        message.writeBytes(payload);
        if (fin) {
          events.add(RecordingHandler.message(message.toByteArray()));
          message = null;
        }
      }
    }
    return events;
  }

  private static List<String> close(List<String> events, byte[] payload) {
    if (payload.length == 0) {
      events.add(RecordingHandler.close(1005, ""));
      return events;
    }
    if (payload.length == 1) {
      return failed(events, 1002);
    }
    int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    if (!((code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999))) {
      return failed(events, 1002);
    }
    try {
      String reason = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(payload, 2, payload.length - 2)).toString();
      events.add(RecordingHandler.close(code, reason));
    } catch (CharacterCodingException e) {
      return failed(events, 1007);
    }
    return events;
  }

  private static List<String> failed(List<String> events, int code) {
    events.add(RecordingHandler.failure(code));
    return events;
  }
}
