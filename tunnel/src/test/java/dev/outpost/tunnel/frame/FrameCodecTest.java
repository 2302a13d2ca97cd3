package dev.outpost.tunnel.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.tunnel.frame.Frame.Data;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FrameCodecTest {
  private final FrameCodec codec = new FrameCodec(FrameLimits.DEFAULT_MAX_PAYLOAD);

  static List<Frame> everyType() {
    return List.of(
        new Frame.Hello(1, 65_536, 2 << 20, ByteBuffer.wrap(new byte[32])),
        new Frame.Auth(bytes("{\"certificate\":\"ssh-ed25519-cert-v01@openssh.com AAAA\"}")),
        new Frame.AuthOk("node-1"),
        new Frame.Hello(2, 65_536, 2 << 20, ByteBuffer.allocate(0), true),
        new Frame.Resume(
            ByteBuffer.wrap(new byte[16]),
            List.of(
                new Frame.ResumePoint(2, 5_000_000_000L, 4_000_000_000L, false),
                new Frame.ResumePoint(7, 0, 0, true))),
        new Frame.Open(1, "ssh:root@node-1.edge:22"),
        new Frame.OpenOk(2),
        new Frame.OpenOk(2, "key=00112233445566778899aabbccddeeff"),
        new Frame.Data(3, bytes("hello")),
        new Frame.Window(5, 1 << 20),
        new Frame.Close(7),
        new Frame.Reset(9, ErrorCode.REFUSED, "no such node: ünïcode ✓"),
        new Frame.Ping(Long.MIN_VALUE),
        new Frame.Pong(42),
        new Frame.GoAway(ErrorCode.UNAUTHENTICATED, "certificate expired"));
  }

  @Test
  void samplesCoverEveryType() {
    Set<FrameType> covered = everyType().stream().map(Frame::type).collect(Collectors.toSet());
    assertEquals(EnumSet.allOf(FrameType.class), covered);
  }

  @ParameterizedTest
  @MethodSource("everyType")
  void roundTrips(Frame frame) throws FrameException {
    ByteBuffer message = codec.encode(frame);
    assertEquals(frame, codec.decode(message));
    assertEquals(0, message.position(), "decoding must not consume the message");
  }

  @ParameterizedTest
  @MethodSource("everyType")
  void reencodingADecodedFrameGivesTheSameBytes(Frame frame) throws FrameException {
    ByteBuffer message = codec.encode(frame);
    assertEquals(message, codec.encode(codec.decode(message)));
  }

  @Test
  void headerLayoutIsBigEndianTypeFlagsStreamLength() {
    ByteBuffer message = codec.encode(new Frame.Window(0x01020304, 0x0A0B0C0D));
    byte[] expected = {0x13, 0, 1, 2, 3, 4, 0, 0, 0, 4, 0x0A, 0x0B, 0x0C, 0x0D};
    assertArrayEquals(expected, toArray(message));
  }

  @Test
  void helloStartsWithTheMagic() {
    ByteBuffer message = codec.encode(new Frame.Hello(1, 65_536, 1 << 20, ByteBuffer.allocate(0)));
    assertEquals("OTUN", new String(toArray(message), 10, 4, StandardCharsets.US_ASCII));
  }

  @Test
  void encodedDataIsACopyInAMessageOfItsOwn() {
    byte[] source = "xabcx".getBytes(StandardCharsets.US_ASCII);
    ByteBuffer message = FrameCodec.encodeData(7, ByteBuffer.wrap(source, 1, 3));
    source[2] = 'z';

    assertEquals(codec.encode(new Data(7, bytes("abc"))), message);
    assertEquals(FrameLimits.HEADER_LENGTH + 3, message.capacity());
    assertThrows(IllegalArgumentException.class, () -> FrameCodec.encodeData(7, bytes("")));
  }

  @Test
  void decodedDataIsAViewOfTheMessageNotACopy() throws FrameException {
    ByteBuffer message = codec.encode(new Data(1, bytes("abc")));
    Data decoded = (Data) codec.decode(message);
    message.put(FrameLimits.HEADER_LENGTH, (byte) 'x');
    assertEquals(bytes("xbc"), decoded.payload());
    assertEquals(FrameLimits.HEADER_LENGTH, decoded.payload().position(), "its header in front");
  }

  @Test
  void aDecodedPayloadIsSentOnInItsOwnMessageUnderANewHeader() throws FrameException {
    ByteBuffer received = codec.encode(new Data(1, bytes("abcdef")));
    ByteBuffer payload = ((Data) codec.decode(received)).payload();
    payload.position(payload.position() + 2); // "ab" were read; "cdef" are passed on

    ByteBuffer sent = FrameCodec.wrapData(9, payload);

    assertEquals(codec.encode(new Data(9, bytes("cdef"))), sent);
    assertSame(received.array(), sent.array(), "no copy");
    assertEquals(2, sent.arrayOffset(), "the new header is right in front of the payload");
  }

  @Test
  void aPayloadWithoutRoomForTheHeaderIsCopied() {
    ByteBuffer payload = bytes("abc");
    ByteBuffer sent = FrameCodec.wrapData(9, payload);
    assertEquals(codec.encode(new Data(9, bytes("abc"))), sent);
    assertNotSame(payload.array(), sent.array());

    ByteBuffer readOnly = ByteBuffer.allocate(13).position(FrameLimits.HEADER_LENGTH)
        .asReadOnlyBuffer();
    assertEquals(FrameLimits.HEADER_LENGTH + 3, FrameCodec.wrapData(9, readOnly).capacity());
  }

  @Test
  void payloadAccessorsDoNotShareAPosition() {
    Data data = new Data(1, bytes("abc"));
    data.payload().get();
    assertEquals(3, data.payload().remaining());
    assertEquals(3, data.length());
  }

  @Test
  void longReasonsAreCutAtACharacterBoundary() {
    String reason = "é".repeat(FrameLimits.MAX_REASON); // 2 bytes each
    Frame.Reset reset = new Frame.Reset(1, ErrorCode.INTERNAL, reason);
    assertEquals(FrameLimits.MAX_REASON / 2, reset.reason().length());
  }

  @Test
  void recordsRefuseValuesTheWireCannotCarry() {
    assertThrows(IllegalArgumentException.class, () -> new Frame.Open(0, "x"));
    assertThrows(IllegalArgumentException.class, () -> new Frame.Open(1, ""));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Frame.Open(1, "x".repeat(FrameLimits.MAX_TARGET + 1)));
    assertThrows(IllegalArgumentException.class, () -> new Frame.Window(1, 0));
    assertThrows(IllegalArgumentException.class, () -> new Frame.Data(1, ByteBuffer.allocate(0)));
    assertThrows(
        IllegalArgumentException.class, () -> new Frame.Hello(1, 100, 1, ByteBuffer.allocate(0)));
    assertThrows(
        IllegalArgumentException.class, () -> new FrameCodec(FrameLimits.MAX_PAYLOAD_CAP + 1));
  }

  @Test
  void acceptsPayloadsUpToItsLimit() throws FrameException {
    FrameCodec small = new FrameCodec(FrameLimits.MIN_MAX_PAYLOAD);
    ByteBuffer atLimit =
        small.encode(new Data(1, ByteBuffer.allocate(FrameLimits.MIN_MAX_PAYLOAD)));
    assertEquals(FrameLimits.MIN_MAX_PAYLOAD, ((Data) small.decode(atLimit)).length());
  }

  static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] toArray(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
