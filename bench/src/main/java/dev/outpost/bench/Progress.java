package dev.outpost.bench;

/** What the benchmark is doing, on standard error, so that standard output holds only results. */
final class Progress {
  private Progress() {}

  static void say(String step) {
    System.err.println("[bench] " + step);
  }
}
