package dev.outpost.tunnel.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** What a {@link ServerFrameReader} found, as one line per event, for comparing readers. */
final class RecordingHandler implements ServerFrameReader.Handler {
  final List<String> events = new ArrayList<>();

  static String message(byte[] bytes) {
    return "message " + HexFormat.of().formatHex(bytes);
  }

  static String ping(byte[] bytes) {
    return "ping " + HexFormat.of().formatHex(bytes);
  }

  static String close(int code, String reason) {
    return "close " + code + " " + reason;
  }

  static String failure(int code) {
    return "failure " + code;
  }

  @Override
  public void onMessage(ByteBuffer message) {
    events.add(message(bytes(message)));
  }

  @Override
  public void onPing(ByteBuffer payload) {
    events.add(ping(bytes(payload)));
  }

  @Override
  public void onClose(int code, String reason) {
    events.add(close(code, reason));
  }

  /** Feeds {@code input} to a new reader in the given chunk sizes (cycled); records any failure. */
  static RecordingHandler read(int maxMessage, byte[] input, int... chunks) {
    RecordingHandler handler = new RecordingHandler();
    ServerFrameReader reader = new ServerFrameReader(maxMessage, start -> 0, handler);
    try {
      for (int at = 0, i = 0; at < input.length; i++) {
        int n = Math.min(input.length - at, chunks[i % chunks.length]);
        reader.read(ByteBuffer.wrap(input, at, n));
        at += n;
      }
    } catch (WebSocketProtocolException e) {
      handler.events.add(failure(e.closeCode()));
      handler.lastFailure = e.getMessage();
    }
    return handler;
  }

  String lastFailure;

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
