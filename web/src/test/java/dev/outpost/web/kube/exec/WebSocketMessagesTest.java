package dev.outpost.web.kube.exec;

import static dev.outpost.web.kube.exec.Frames.frame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames read as they pass in pieces of any size; whatever breaks RFC 6455 is refused. */
class WebSocketMessagesTest {
  private static final int MAX = 64 * 1024;

  private final List<String> messages = new ArrayList<>();
  private final WebSocketMessages client = new WebSocketMessages(true, MAX, this::take);
  private final WebSocketMessages server = new WebSocketMessages(false, MAX, this::take);

  private void take(int opcode, byte[] payload) {
    messages.add(opcode + ":" + new String(payload, StandardCharsets.ISO_8859_1));
  }

  @Test
  void unmasksAClientMessageArrivingOneByteAtATime() throws Exception {
    byte[] bytes = frame(true, WebSocketMessages.BINARY, true, bytes("hello"));
    for (byte b : bytes) {
      client.accept(new byte[] {b}, 0, 1);
    }
    assertEquals(List.of("2:hello"), messages);
  }

  @Test
  void joinsFragmentsAroundAPingAndSkipsThePing() throws Exception {
    feed(server, frame(false, WebSocketMessages.TEXT, false, bytes("hel")),
        frame(true, 9, false, bytes("ping")),
        frame(false, WebSocketMessages.CONTINUATION, false, bytes("l")),
        frame(true, WebSocketMessages.CONTINUATION, false, bytes("o")),
        frame(true, WebSocketMessages.CLOSE, false, new byte[] {0x03, (byte) 0xe8}));
    assertEquals(List.of("1:hello", "8:\u0003\u00e8"), messages);
  }

  @Test
  void readsSixteenAndSixtyFourBitLengthsAndEmptyFrames() throws Exception {
    byte[] medium = new byte[300];
    byte[] large = new byte[MAX - 1];
    large[large.length - 1] = 'z';
    List<byte[]> payloads = new ArrayList<>();
    WebSocketMessages reader = new WebSocketMessages(true, MAX, (opcode, payload) -> payloads.add(payload));
    feed(reader, frame(true, 2, true, new byte[0]), frame(true, 2, true, medium),
        frame(true, 2, true, large));
    assertEquals(3, payloads.size());
    assertArrayEquals(medium, payloads.get(1));
    assertArrayEquals(large, payloads.get(2));
  }

  @Test
  void refusesFramesThatBreakTheProtocol() {
    // a fresh reader each: after a violation a reader reads nothing more
    assertRefused(client, "client frame not masked", frame(true, 2, false, bytes("x")));
    assertRefused(server(), "server frame masked", frame(true, 2, true, bytes("x")));
    assertRefused(server(), "reserved bits", withFirstByte(frame(true, 2, false, bytes("x")), 0xc2));
    assertRefused(server(), "unknown opcode 3", frame(true, 3, false, bytes("x")));
    assertRefused(server(), "continuation frame without a message",
        frame(true, WebSocketMessages.CONTINUATION, false, bytes("x")));
    assertRefused(server(), "control frame fragmented", frame(false, 9, false, bytes("x")));
    assertRefused(server(), "control frame", frame(true, 9, false, new byte[126]));
  }

  @Test
  void refusesANewMessageBeforeTheLastOnesFinalFragment() {
    assertRefused(server, "new message before", frame(false, 2, false, bytes("a")),
        frame(true, 2, false, bytes("b")));
  }

  @Test
  void refusesAnOversizedMessageAtItsHeaderWithoutReadingIt() {
    byte[] claimsTwoToTheFifty = {(byte) 0x82, 127, 0, 4, 0, 0, 0, 0, 0, 0};
    assertRefused(server, "message longer than " + MAX, claimsTwoToTheFifty);
    byte[] mostSignificantBit = {(byte) 0x82, 127, (byte) 0x80, 0, 0, 0, 0, 0, 0, 1};
    assertRefused(server(), "most significant bit", mostSignificantBit);
    assertRefused(server(), "message longer than",
        frame(false, 2, false, new byte[MAX / 2]), frame(true, 0, false, new byte[MAX / 2 + 1]));
  }

  private WebSocketMessages server() {
    return new WebSocketMessages(false, MAX, this::take);
  }

  private static void assertRefused(WebSocketMessages reader, String why, byte[]... frames) {
    ProtocolViolation refused = assertThrows(ProtocolViolation.class, () -> feed(reader, frames));
    assertTrue(refused.getMessage().contains(why), refused.getMessage());
  }

  private static void feed(WebSocketMessages reader, byte[]... frames) throws ProtocolViolation {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] frame : frames) {
      all.writeBytes(frame);
    }
    byte[] bytes = all.toByteArray();
    // pieces of 7 bytes: headers and payloads split anywhere
    for (int at = 0; at < bytes.length; at += 7) {
      reader.accept(bytes, at, Math.min(7, bytes.length - at));
    }
  }

  private static byte[] withFirstByte(byte[] frame, int first) {
    frame[0] = (byte) first;
    return frame;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
