package dev.outpost.domain.role;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The role option {@code record_session}: what a node does with a terminal it cannot record. */
public enum RecordingMode {
  /** Refuse the session, or end it when recording fails midway: nothing runs unrecorded. */
  STRICT("strict"),
  /** Run the session unrecorded; the node audits that it could not record it. */
  BEST_EFFORT("best-effort");

  private final String wireName;

  RecordingMode(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The mode named {@code text}; throws with the accepted names otherwise. */
  static RecordingMode parse(String where, String text) {
    return Arrays.stream(values()).filter(mode -> mode.wireName.equals(text)).findFirst()
        .orElseThrow(() -> new RoleException(where + ": expected one of "
            + Arrays.stream(values()).map(RecordingMode::wireName).collect(Collectors.joining(", "))
            + ", got '" + text + "'"));
  }
}
