package dev.outpost.tunnel;

import java.util.Map;

/**
 * One end's account of an end-to-end stream when it resumes it through a new relay, in stream
 * offsets counted since the stream opened (the relay passes bytes and credit through unchanged, so
 * both ends and every hop count the same offsets).
 *
 * @param received bytes this end received: the far end replays from here
 * @param credited bytes this end credited: the far end may drop them from its replay buffer
 * @param replayFrom where this end's own replay starts: the first byte the far end has not
 *     credited, as far as this end heard; the far end drops what it already has
 * @param ended whether the far end's CLOSE arrived
 */
public record EndToEndPoint(long received, long credited, long replayFrom, boolean ended) {
  static final String RECEIVED = "received";
  static final String CREDITED = "credited";
  static final String REPLAY_FROM = "from";
  static final String ENDED = "ended";

  public EndToEndPoint {
    if (credited < 0 || replayFrom < 0 || credited > received) {
      throw new IllegalArgumentException(
          "offsets must be 0 <= credited <= received and replay start >= 0, got received "
              + received + ", credited " + credited + ", from " + replayFrom);
    }
  }

  /**
   * The point in OPEN target fields.
   *
   * @throws IllegalArgumentException naming a field that is missing or not an offset
   */
  public static EndToEndPoint of(StreamTarget target) {
    Map<String, String> fields = target.fields();
    String ended = fields.getOrDefault(ENDED, "");
    if (!ended.equals("0") && !ended.equals("1")) {
      throw new IllegalArgumentException("field '" + ENDED + "' must be 0 or 1");
    }
    return new EndToEndPoint(
        offset(fields, RECEIVED), offset(fields, CREDITED), offset(fields, REPLAY_FROM),
        ended.equals("1"));
  }

  /** The point as OPEN target fields, to append to a query. */
  public String fields() {
    return RECEIVED + "=" + received + "&" + CREDITED + "=" + credited + "&" + REPLAY_FROM + "="
        + replayFrom + "&" + ENDED + "=" + (ended ? 1 : 0);
  }

  /**
   * Where a relay's stream towards this end starts: it receives this end's replay, and sends what
   * this end has not received yet, with the credit this end granted.
   */
  StreamStart facingThisEnd() {
    return new StreamStart(replayFrom, replayFrom, received, credited);
  }

  /**
   * Where a relay's stream towards the far end starts: it sends this end's replay, and receives
   * what this end has not received yet, holding what this end has not credited.
   */
  StreamStart facingFarEnd() {
    return new StreamStart(received, credited, replayFrom, replayFrom);
  }

  private static long offset(Map<String, String> fields, String name) {
    try {
      long value = Long.parseLong(fields.getOrDefault(name, ""));
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("field '" + name + "' must be a stream offset");
    }
  }
}
