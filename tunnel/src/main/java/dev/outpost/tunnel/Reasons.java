package dev.outpost.tunnel;

/** Turns failures into the one-line reasons sent to peers. */
final class Reasons {
  private Reasons() {}

  static String describe(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }
}
