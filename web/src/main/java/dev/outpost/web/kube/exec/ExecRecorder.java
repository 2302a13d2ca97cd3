package dev.outpost.web.kube.exec;

import dev.outpost.api.cast.AsciicastWriter;
import dev.outpost.web.upgrade.SplicedUpgrade;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records a {@code kubectl exec} as asciicast v2 from the bytes of its upgraded connection, which
 * speaks the Kubernetes channel protocol ({@code v5.channel.k8s.io} or {@code v4}) over WebSocket:
 * every binary message starts with its channel, 0 stdin (client to server), 1 stdout, 2 stderr,
 * 3 the final {@code Status}, 4 the terminal size (JSON {@code {"Width":…,"Height":…}}), 255 "this
 * channel is closed" (v5). Stdout and stderr are the recording's output, terminal sizes its header
 * and resizes; stdin is not recorded, as in SSH recordings (what a terminal echoes is output).
 *
 * <p>Bytes that break the protocol, a message over {@link #MAX_MESSAGE} or a sink that fails end
 * the recording there, with the reason in its session's end, never the exec session. The cast is
 * handed to the sink in pieces of {@link #FLUSH_BYTES} or every {@link #FLUSH_EVERY}, whichever
 * comes first, and whole at the end.
 */
public final class ExecRecorder implements SplicedUpgrade.Tap {
  /** The channel protocols recorded (both binary with the channel as first byte). */
  public static final Set<String> PROTOCOLS = Set.of("v5.channel.k8s.io", "v4.channel.k8s.io");
  static final int MAX_MESSAGE = 1024 * 1024;
  static final int FLUSH_BYTES = 32 * 1024;
  static final Duration FLUSH_EVERY = Duration.ofSeconds(1);
  private static final int STDOUT = 1;
  private static final int STDERR = 2;
  private static final int STATUS = 3;
  private static final int RESIZE = 4;
  private static final int DEFAULT_COLUMNS = 80;
  private static final int DEFAULT_ROWS = 24;
  private static final int MAX_SIDE = 10_000;
  private static final int MAX_SHOWN = 200;
  private static final Pattern WIDTH = Pattern.compile("\"Width\"\\s*:\\s*(\\d{1,9})");
  private static final Pattern HEIGHT = Pattern.compile("\"Height\"\\s*:\\s*(\\d{1,9})");
  private static final Pattern STATUS_FIELD = Pattern.compile("\"status\"\\s*:\\s*\"([^\"]*)\"");
  private static final Pattern MESSAGE_FIELD = Pattern.compile("\"message\"\\s*:\\s*\"([^\"]*)\"");

  /** Where the recording goes: the proxy's recording store and audit. */
  public interface Sink {
    /** More asciicast bytes, to append to what was handed before. */
    void append(byte[] cast);

    /**
     * The session ended; everything was appended.
     *
     * @param how how it ended: the connection's end, the container's status, the recording's end
     */
    void ended(long bytesIn, long bytesOut, String how);
  }

  private final Sink sink;
  private final InstantSource clock;
  private final WebSocketMessages fromClient;
  private final WebSocketMessages fromServer;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private AsciicastWriter cast;
  private Instant lastHandedOn;
  private long bytesIn;
  private long bytesOut;
  private String status = "";
  private String stopped;
  /** The session ended: the recording is complete and takes nothing more. */
  private boolean over;

  public ExecRecorder(Sink sink, InstantSource clock) {
    this.sink = sink;
    this.clock = clock;
    this.lastHandedOn = clock.instant();
    this.fromClient = new WebSocketMessages(true, MAX_MESSAGE, this::fromClient);
    this.fromServer = new WebSocketMessages(false, MAX_MESSAGE, this::fromServer);
  }

  @Override
  public synchronized void clientToFar(byte[] data, int offset, int length) {
    bytesIn += length;
    read(fromClient, data, offset, length);
  }

  @Override
  public synchronized void farToClient(byte[] data, int offset, int length) {
    bytesOut += length;
    read(fromServer, data, offset, length);
  }

  @Override
  public synchronized void ended(String why) {
    if (over) {
      return;
    }
    over = true;
    List<String> how = new ArrayList<>(List.of(why));
    if (!status.isEmpty()) {
      how.add(status);
    }
    if (stopped == null) {
      try {
        // a session without output or size still leaves a cast a player opens
        writer(DEFAULT_COLUMNS, DEFAULT_ROWS).close();
        handOn();
      } catch (IOException | RuntimeException e) {
        stopped = "recording stopped: " + e.getMessage();
      }
    }
    if (stopped != null) {
      how.add(stopped);
    }
    sink.ended(bytesIn, bytesOut, String.join("; ", how));
  }

  private void read(WebSocketMessages reader, byte[] data, int offset, int length) {
    if (stopped != null || over) {
      return;
    }
    try {
      reader.accept(data, offset, length);
      if (pending.size() >= FLUSH_BYTES
          || !clock.instant().isBefore(lastHandedOn.plus(FLUSH_EVERY))) {
        handOn();
      }
    } catch (ProtocolViolation | RuntimeException e) {
      stop(e.getMessage());
    }
  }

  /** The recording ends here; what was read so far is kept. */
  private void stop(String why) {
    stopped = "recording stopped after " + (bytesIn + bytesOut) + " bytes: " + why;
    try {
      if (cast != null) {
        cast.close();
      }
      handOn();
    } catch (IOException | RuntimeException e) {
      stopped += " (and its last bytes were lost: " + e.getMessage() + ")";
    }
  }

  private void handOn() {
    if (pending.size() > 0) {
      byte[] piece = pending.toByteArray();
      pending.reset();
      sink.append(piece);
    }
    lastHandedOn = clock.instant();
  }

  private void fromClient(int opcode, byte[] message) throws ProtocolViolation {
    if (opcode == WebSocketMessages.BINARY && message.length > 0
        && (message[0] & 0xff) == RESIZE) {
      resize(new String(message, 1, message.length - 1, StandardCharsets.UTF_8));
    }
  }

  private void fromServer(int opcode, byte[] message) throws ProtocolViolation {
    if (opcode == WebSocketMessages.TEXT) {
      throw new ProtocolViolation("text message: only the binary channel protocols are recorded");
    }
    if (opcode != WebSocketMessages.BINARY || message.length == 0) {
      return;
    }
    int channel = message[0] & 0xff;
    try {
      if (channel == STDOUT || channel == STDERR) {
        writer(DEFAULT_COLUMNS, DEFAULT_ROWS).output(message, 1, message.length - 1);
      } else if (channel == STATUS) {
        status = status(new String(message, 1, message.length - 1, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new ProtocolViolation("cannot write the cast: " + e.getMessage());
    }
  }

  private void resize(String json) throws ProtocolViolation {
    int columns = side(WIDTH, json);
    int rows = side(HEIGHT, json);
    try {
      if (cast == null) {
        writer(columns, rows);
      } else {
        cast.resize(columns, rows);
      }
    } catch (IOException e) {
      throw new ProtocolViolation("cannot write the cast: " + e.getMessage());
    }
  }

  /** The writer, started with the first size known or the default when output comes first. */
  private AsciicastWriter writer(int columns, int rows) throws IOException {
    if (cast == null) {
      cast = AsciicastWriter.start(pending, clock, columns, rows, "xterm");
    }
    return cast;
  }

  private static int side(Pattern field, String json) throws ProtocolViolation {
    Matcher found = field.matcher(json);
    int value = found.find() ? Integer.parseInt(found.group(1)) : 0;
    if (value < 1 || value > MAX_SIDE) {
      throw new ProtocolViolation("terminal size is not {\"Width\":1…" + MAX_SIDE
          + ",\"Height\":1…" + MAX_SIDE + "}: " + shown(json));
    }
    return value;
  }

  /** E.g. {@code status Success} or {@code status Failure: command terminated with …}. */
  private static String status(String json) {
    String value = field(STATUS_FIELD, json).orElse("unknown");
    return "status " + value + field(MESSAGE_FIELD, json).map(message -> ": " + message).orElse("");
  }

  private static Optional<String> field(Pattern pattern, String json) {
    Matcher found = pattern.matcher(json);
    return found.find() ? Optional.of(shown(found.group(1))) : Optional.empty();
  }

  private static String shown(String text) {
    String printable = text.replaceAll("\\p{Cntrl}", "?");
    return printable.length() <= MAX_SHOWN ? printable : printable.substring(0, MAX_SHOWN) + "…";
  }
}
