package dev.outpost.web.terminal;

/** A terminal's size in character cells, within what any screen could show. */
public record TerminalSize(int cols, int rows) {

  public static final TerminalSize DEFAULT = new TerminalSize(80, 24);
  static final int MAX = 1000;

  public TerminalSize {
    if (cols < 1 || cols > MAX || rows < 1 || rows > MAX) {
      throw new IllegalArgumentException(
          "terminal size " + cols + "x" + rows + " is out of range 1-" + MAX);
    }
  }
}
