package dev.outpost.tunnel.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;

/**
 * Arbitrary bytes either decode or are refused with a {@link FrameException}; nothing else may
 * escape the decoder. A frame that decodes re-encodes to the very same bytes, so the wire format
 * has one spelling per frame.
 *
 * <p>A plain {@code mvn test} replays the inputs in {@code FrameDecoderFuzzTestInputs}; set {@code
 * JAZZER_FUZZ=1} to fuzz for new ones.
 */
class FrameDecoderFuzzTest {
  private final FrameCodec codec = new FrameCodec(FrameLimits.DEFAULT_MAX_PAYLOAD);

  @FuzzTest(maxDuration = "60s")
  void decodesOrRefuses(byte[] input) {
    Frame frame;
    try {
      frame = codec.decode(ByteBuffer.wrap(input));
    } catch (FrameException refused) {
      return;
    }
    assertEquals(ByteBuffer.wrap(input), codec.encode(frame));
  }
}
