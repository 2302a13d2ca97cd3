package dev.outpost.tunnel.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed messages and the exact reason each is refused with. */
class FrameCodecHostileInputTest {
  private static final int DATA = 0x12;
  private static final int HELLO = 0x01;
  private static final byte[] NONE = {};

  /** The limit the oversize refusals below name. */
  private static final int MAX_PAYLOAD = 64 * 1024;

  private final FrameCodec codec = new FrameCodec(MAX_PAYLOAD);

  static Stream<Arguments> malformed() {
    byte[] magicAndVersion = {0x4F, 0x54, 0x55, 0x4E, 0, 1};
    byte[] tinyHello = {0x4F, 0x54, 0x55, 0x4E, 0, 1, 0, 0, 0, 100, 0, 1, 0, 0};
    return Stream.of(
        refuse("empty message", new byte[0], "truncated header: 0 of 10 bytes"),
        refuse("short header", new byte[7], "truncated header: 7 of 10 bytes"),
        refuse("unknown type", frame(0x7F, 0, 0, 0, NONE), "unknown frame type 0x7F"),
        refuse(
            "reserved flags",
            frame(DATA, 1, 1, 1, new byte[1]),
            "DATA frame: reserved flags 0x01 set"),
        refuse(
            "oversize",
            frame(DATA, 0, 1, 70_000, NONE),
            "DATA frame: payload length 70000 exceeds the maximum of 65536"),
        refuse(
            "length beyond u31",
            frame(DATA, 0, 1, -1, NONE),
            "DATA frame: payload length 4294967295 exceeds the maximum of 65536"),
        refuse(
            "truncated payload",
            frame(DATA, 0, 1, 5, new byte[3]),
            "DATA frame: truncated: header declares 5 payload bytes, 3 present"),
        refuse(
            "trailing bytes",
            frame(DATA, 0, 1, 3, new byte[5]),
            "DATA frame: 2 trailing bytes after the 3-byte payload"),
        refuse(
            "stream 0 for DATA",
            frame(DATA, 0, 0, 1, new byte[1]),
            "DATA frame: stream id must be in 1..2147483647, got 0"),
        refuse(
            "stream id beyond 31 bits",
            frame(0x14, 0, 0x80000000, 0, NONE),
            "CLOSE frame: stream id must be in 1..2147483647, got 2147483648"),
        refuse(
            "empty DATA",
            frame(DATA, 0, 1, 0, NONE),
            "DATA frame: payload must be 1..1048576 bytes, got 0"),
        refuse(
            "PING on a stream",
            frame(0x20, 0, 5, 8, new byte[8]),
            "PING frame: must be on stream 0, got stream 5"),
        refuse(
            "PING too short",
            frame(0x20, 0, 0, 7, new byte[7]),
            "PING frame: truncated: ping payload needs 8 bytes, 7 left"),
        refuse(
            "OPEN_OK with bad UTF-8",
            frame(0x11, 0, 2, 1, new byte[] {(byte) 0xff}),
            "OPEN_OK frame: accepted is not valid UTF-8"),
        refuse(
            "WINDOW too short",
            frame(0x13, 0, 1, 3, new byte[3]),
            "WINDOW frame: truncated: window increment needs 4 bytes, 3 left"),
        refuse(
            "WINDOW too long",
            frame(0x13, 0, 1, 5, new byte[] {0, 0, 0, 1, 0}),
            "WINDOW frame: 1 unexpected bytes after the last field"),
        refuse(
            "WINDOW of 0",
            frame(0x13, 0, 1, 4, new byte[4]),
            "WINDOW frame: window increment must be in 1..2147483647, got 0"),
        refuse(
            "WINDOW beyond 31 bits",
            frame(0x13, 0, 1, 4, new byte[] {(byte) 0x80, 0, 0, 0}),
            "WINDOW frame: window increment 2147483648 exceeds 2147483647"),
        refuse(
            "OPEN with bad UTF-8",
            frame(0x10, 0, 1, 2, new byte[] {(byte) 0xC3, 0x28}),
            "OPEN frame: target is not valid UTF-8"),
        refuse(
            "OPEN with overlong UTF-8",
            frame(0x10, 0, 1, 2, new byte[] {(byte) 0xC0, (byte) 0xAF}),
            "OPEN frame: target is not valid UTF-8"),
        refuse(
            "OPEN without target",
            frame(0x10, 0, 1, 0, NONE),
            "OPEN frame: target must be 1..1024 bytes of UTF-8, got 0"),
        refuse(
            "OPEN target too long",
            frame(0x10, 0, 1, 1025, filled(1025)),
            "OPEN frame: target of 1025 bytes exceeds the maximum of 1024"),
        refuse(
            "RESET without code",
            frame(0x15, 0, 1, 1, new byte[1]),
            "RESET frame: truncated: error code needs 2 bytes, 1 left"),
        refuse(
            "RESET unknown code",
            frame(0x15, 0, 1, 2, new byte[] {0, 99}),
            "RESET frame: unknown error code 0x0063"),
        refuse(
            "GOAWAY bad UTF-8 reason",
            frame(0x22, 0, 0, 3, new byte[] {0, 1, (byte) 0xFF}),
            "GOAWAY frame: reason is not valid UTF-8"),
        refuse(
            "AUTH too large",
            frame(0x02, 0, 0, 16_385, filled(16_385)),
            "AUTH frame: credential must be 1..16384 bytes, got 16385"),
        refuse(
            "HELLO bad magic",
            frame(HELLO, 0, 0, 14, new byte[14]),
            "HELLO frame: bad magic 0x00000000, expected 0x4F54554E (\"OTUN\")"),
        refuse(
            "HELLO truncated",
            frame(HELLO, 0, 0, 6, magicAndVersion),
            "HELLO frame: truncated: max payload needs 4 bytes, 0 left"),
        refuse(
            "HELLO tiny max payload",
            frame(HELLO, 0, 0, 14, tinyHello),
            "HELLO frame: max payload must be in 16384..1048576, got 100"),
        refuse(
            "RESUME count beyond its bytes",
            frame(0x04, 0, 0, 18, resume(2, new byte[0])),
            "RESUME frame: 2 streams need 42 bytes, 0 present"),
        refuse(
            "RESUME credited beyond received",
            frame(0x04, 0, 0, 39, resume(1, point(3, 10, 11, 0))),
            "RESUME frame: credited offset 11 exceeds received offset 10 on stream 3"),
        refuse(
            "RESUME negative offset",
            frame(0x04, 0, 0, 39, resume(1, point(3, -1, 0, 0))),
            "RESUME frame: received offset must be in 0..9223372036854775807, got "
                + "18446744073709551615"),
        refuse(
            "RESUME bad ended flag",
            frame(0x04, 0, 0, 39, resume(1, point(3, 0, 0, 2))),
            "RESUME frame: ended must be 0 or 1, got 2"),
        refuse(
            "RESUME flag on another frame",
            frame(0x04, 1, 0, 18, resume(0, new byte[0])),
            "RESUME frame: reserved flags 0x01 set"),
        refuse(
            "AUTH_OK empty",
            frame(0x03, 0, 0, 0, NONE),
            "AUTH_OK frame: identity must be 1..1024 bytes of UTF-8, got 0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void refusesWithAPreciseReason(String name, byte[] message, String reason) {
    FrameException refused =
        assertThrows(FrameException.class, () -> codec.decode(ByteBuffer.wrap(message)));
    assertEquals(reason, refused.getMessage());
  }

  private static Arguments refuse(String name, byte[] message, String reason) {
    return Arguments.of(name, message, reason);
  }

  /** A message with a header as given, whatever the payload really holds. */
  static byte[] frame(int type, int flags, int streamId, int declaredLength, byte[] payload) {
    return ByteBuffer.allocate(FrameLimits.HEADER_LENGTH + payload.length)
        .put((byte) type)
        .put((byte) flags)
        .putInt(streamId)
        .putInt(declaredLength)
        .put(payload)
        .array();
  }

  private static byte[] resume(int count, byte[] points) {
    return ByteBuffer.allocate(18 + points.length)
        .put(new byte[16])
        .putShort((short) count)
        .put(points)
        .array();
  }

  private static byte[] point(int streamId, long received, long credited, int ended) {
    return ByteBuffer.allocate(21)
        .putInt(streamId)
        .putLong(received)
        .putLong(credited)
        .put((byte) ended)
        .array();
  }

  private static byte[] filled(int length) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) 'a');
    return bytes;
  }
}
