package dev.outpost.it.kube.spdy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.Adler32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** The SPDY/3.1 frames and header blocks the port-forward stand-in reads and writes. */
class SpdyFrameCodecTest {
  private static final Map<String, String> ERROR_STREAM =
      Map.of("streamtype", "error", "port", "16480", "requestid", "0");

  @Test
  void theDictionaryIsSpdy3s() {
    byte[] dictionary = SpdyDictionary.bytes();
    assertEquals(1423, dictionary.length);
    Adler32 checksum = new Adler32();
    checksum.update(dictionary);
    assertEquals(SpdyDictionary.ADLER32, checksum.getValue());
  }

  @Test
  void everyControlFrameReadsBackAsWritten() throws IOException {
    List<SpdyFrame> frames = List.of(
        new SpdyFrame.SynStream(1, 0, 3, false, ERROR_STREAM),
        new SpdyFrame.SynReply(1, false, Map.of()),
        new SpdyFrame.SynStream(3, 0, 0, false, Map.of("streamtype", "data", "port", "16480",
            "requestid", "0")),
        new SpdyFrame.Headers(3, false, Map.of("x", "a\0b")),
        new SpdyFrame.RstStream(5, 5),
        new SpdyFrame.Settings(Map.of(7, 65536)),
        new SpdyFrame.Ping(7),
        new SpdyFrame.WindowUpdate(3, 1024),
        new SpdyFrame.GoAway(11, 0));
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    SpdyFrameWriter writer = new SpdyFrameWriter(wire);
    for (SpdyFrame frame : frames) {
      writer.write(frame);
    }
    SpdyFrameReader reader = new SpdyFrameReader(new ByteArrayInputStream(wire.toByteArray()));
    for (SpdyFrame frame : frames) {
      assertEquals(frame, reader.read());
    }
    assertNull(reader.read(), "the end of the connection between frames");
  }

  @Test
  void dataFramesCarryTheirBytesAndFin() throws IOException {
    byte[] payload = "echo me".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    new SpdyFrameWriter(wire).write(new SpdyFrame.Data(3, true, payload));
    // stream id 3 with the control bit clear, FIN, length 7, the bytes
    assertEquals("00000003" + "01000007" + HexFormat.of().formatHex(payload),
        HexFormat.of().formatHex(wire.toByteArray()));
    SpdyFrame.Data read = (SpdyFrame.Data) new SpdyFrameReader(
        new ByteArrayInputStream(wire.toByteArray())).read();
    assertEquals(3, read.streamId());
    assertEquals(true, read.fin());
    assertArrayEquals(payload, read.data());
  }

  @Test
  void controlFramesHaveVersionThreeTypeAndLength() throws IOException {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    new SpdyFrameWriter(wire).write(new SpdyFrame.Ping(1));
    assertEquals("80030006" + "00000004" + "00000001", HexFormat.of().formatHex(wire.toByteArray()));
  }

  /** kubectl's blocks come from Go's zlib with the dictionary: a stream another deflater wrote. */
  @Test
  void headerBlocksOfAnotherCompressorAreRead() throws IOException {
    Deflater peer = new Deflater(Deflater.BEST_COMPRESSION);
    peer.setDictionary(SpdyDictionary.bytes());
    HeaderBlockDecoder decoder = new HeaderBlockDecoder();
    for (String request : List.of("0", "1", "2")) {
      Map<String, String> headers = Map.of("streamtype", "data", "port", "80", "requestid", request);
      assertEquals(headers, decoder.decode(compress(peer, HeaderBlockEncoder.plain(headers))));
    }
  }

  @Test
  void aBlockThatIsNotTheStreamExpectedIsRefused() {
    assertThrows(IOException.class, () -> new HeaderBlockDecoder().decode(new byte[] {1, 2, 3, 4}));
    assertThrows(IOException.class, () -> HeaderBlockDecoder.parse(new byte[] {0x7f, 0, 0, 0}));
  }

  @Test
  void otherVersionsAreRefused() {
    byte[] spdy2Ping = HexFormat.of().parseHex("800200060000000400000001");
    assertThrows(IOException.class,
        () -> new SpdyFrameReader(new ByteArrayInputStream(spdy2Ping)).read());
  }

  private static byte[] compress(Deflater deflater, byte[] plain) {
    deflater.setInput(plain);
    byte[] buffer = new byte[4096];
    int length = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
    return Arrays.copyOf(buffer, length);
  }
}
