package dev.outpost.cli.command;

import dev.outpost.cli.output.Format;
import picocli.CommandLine.Option;

/** {@code --format=text|json}, mixed into every command that lists or creates something. */
public final class FormatOption {

  @Option(
      names = "--format",
      paramLabel = "text|json",
      defaultValue = "text",
      description = "Output format: text for people (default) or json for scripts.")
  Format format;

  public Format format() {
    return format;
  }
}
