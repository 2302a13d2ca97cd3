package dev.outpost.cli.output;

/** How listing and creating commands print: for people, or stable JSON for scripts. */
public enum Format {
  TEXT,
  JSON
}
