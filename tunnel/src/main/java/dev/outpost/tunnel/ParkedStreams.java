package dev.outpost.tunnel;

import dev.outpost.tunnel.frame.ErrorCode;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One end's end-to-end streams whose relay went away (it restarted, or this end's link to it was
 * lost and it no longer knew this end's session): they wait, neither reset nor read, for the other
 * end to resume them through another relay, for {@link TunnelSettings#resumeGrace()}; then they
 * fail with a reason that says so.
 *
 * <p>The agent answers a relay's {@code resume?key=…} OPEN from here ({@link #adopt}), but only for
 * the owner the stream was opened for, checked against what the new relay verified afresh; the CLI
 * takes its stream back from here when it reconnects ({@link TunnelConnection#resumeEndToEnd}).
 */
public final class ParkedStreams {

  /** What the agent reports; called on tunnel threads, so it must be quick. */
  public interface Listener {
    /** A relay asked to resume stream {@code key} for {@code claimant}, and was refused. */
    void refused(StreamKey key, StreamOwner claimant, String reason);

    Listener NONE = (key, claimant, reason) -> {};
  }

  private final TunnelSettings settings;
  private final Listener listener;
  private final Map<StreamKey, Parked> parked = new HashMap<>();

  private record Parked(MultiplexedStream stream, ScheduledFuture<?> expiry) {}

  public ParkedStreams(TunnelSettings settings, Listener listener) {
    this.settings = settings;
    this.listener = listener;
  }

  /** Streams waiting for a resume. */
  public synchronized int size() {
    return parked.size();
  }

  /** Whether stream {@code key} waits here. */
  public synchronized boolean holds(StreamKey key) {
    return parked.containsKey(key);
  }

  /**
   * {@code streams} lost their relay because {@code reason}: the end-to-end ones wait here, the
   * others fail with {@code cause}.
   */
  void park(List<MultiplexedStream> streams, String reason, IOException cause) {
    for (MultiplexedStream stream : streams) {
      StreamKey key = stream.key();
      if (key == null || !stream.isAccepted()) {
        stream.fail(cause);
        continue;
      }
      stream.abandonAnswer(cause);
      String expired = "link lost (" + reason + ") and not resumed within "
          + settings.resumeGrace();
      ScheduledFuture<?> expiry =
          settings
              .scheduler()
              .schedule(() -> expire(key, stream, expired), settings.resumeGrace().toNanos(),
                  TimeUnit.NANOSECONDS);
      Parked previous;
      synchronized (this) {
        previous = parked.put(key, new Parked(stream, expiry));
      }
      if (previous != null) { // a key is random: two streams never share one
        previous.expiry().cancel(false);
        previous.stream().fail(new IOException("another stream took over key " + key));
      }
    }
  }

  /**
   * Takes stream {@code key} back to carry it on (the end that opened it, reconnected).
   *
   * @throws IOException when it is not (or no longer) waiting here
   */
  synchronized MultiplexedStream take(StreamKey key) throws IOException {
    Parked found = parked.remove(key);
    if (found == null) {
      throw new IOException("stream " + key + " no longer waits for a resume");
    }
    found.expiry().cancel(false);
    return found.stream();
  }

  /**
   * A relay asks to carry stream {@code key} on as its stream {@code streamId}, for {@code
   * claimant} (whom it verified afresh), from the other end's {@code point}. Hands the stream over
   * only if it belongs to the same owner and the point adds up; otherwise the stream keeps waiting
   * and the refusal is reported.
   *
   * @throws ProtocolViolation refusing the OPEN, with the reason
   */
  MultiplexedStream adopt(
      int streamId, StreamKey key, StreamOwner claimant, EndToEndPoint point, FlowSettings flow)
      throws ProtocolViolation {
    synchronized (this) {
      Parked found = parked.get(key);
      try {
        if (found == null) {
          throw ProtocolViolation.ofStream(
              streamId, ErrorCode.REFUSED, "resume refused: no stream " + key + " waits here");
        }
        if (!found.stream().owner().equals(claimant)) {
          throw ProtocolViolation.ofStream(
              streamId,
              ErrorCode.UNAUTHENTICATED,
              "resume refused: stream " + key + " belongs to another user or session");
        }
        found.stream().checkEndToEnd(streamId, point, flow);
      } catch (ProtocolViolation refused) {
        listener.refused(key, claimant, refused.getMessage());
        throw refused;
      }
      parked.remove(key);
      found.expiry().cancel(false);
      return found.stream();
    }
  }

  private void expire(StreamKey key, MultiplexedStream stream, String reason) {
    synchronized (this) {
      Parked current = parked.get(key);
      if (current == null || current.stream() != stream) {
        return; // resumed meanwhile
      }
      parked.remove(key);
    }
    stream.fail(new IOException(reason));
  }
}
