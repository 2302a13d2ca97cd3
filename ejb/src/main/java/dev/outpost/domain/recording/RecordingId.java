package dev.outpost.domain.recording;

import dev.outpost.domain.shared.OutpostException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A recording id as it arrives in a URL: nothing but a canonical lowercase UUID, so that it can
 * never name a path ({@code ../}, slashes, dots) in the store.
 */
public final class RecordingId {
  private static final Pattern CANONICAL =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final int SHOWN = 40;

  private RecordingId() {}

  /** @throws OutpostException BAD_REQUEST naming the refused id (shortened) */
  public static UUID parse(String text) {
    if (text == null || !CANONICAL.matcher(text).matches()) {
      throw OutpostException.badRequest("recording id '" + shown(text)
          + "' is not a lowercase UUID such as 3f2b…-…");
    }
    return UUID.fromString(text);
  }

  private static String shown(String text) {
    if (text == null) {
      return "";
    }
    String printable = text.replaceAll("\\p{Cntrl}", "?");
    return printable.length() <= SHOWN ? printable : printable.substring(0, SHOWN) + "…";
  }
}
