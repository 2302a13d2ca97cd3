package dev.outpost.cli.command;

import java.util.UUID;

/**
 * A recording or session id on the command line: a UUID, checked before it becomes part of a URL.
 *
 * @param value the id
 */
record RecordingIdParameter(UUID value) {

  static RecordingIdParameter parse(String text) {
    try {
      UUID id = UUID.fromString(text);
      if (!id.toString().equalsIgnoreCase(text)) {
        throw new IllegalArgumentException();
      }
      return new RecordingIdParameter(id);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "' is not a recording or session id (a UUID)");
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
