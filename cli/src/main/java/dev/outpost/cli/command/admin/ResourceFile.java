package dev.outpost.cli.command.admin;

import dev.outpost.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A resource file given with {@code -f}: read whole, refused when it cannot be one. */
final class ResourceFile {

  /** Resources are small; anything larger is a wrong file. */
  static final long MAX_BYTES = 64 * 1024;

  private ResourceFile() {}

  /** @param kind what the file should hold, for the message ("role", "connector") */
  static String read(Path file, String kind) throws CliException {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw CliException.usage(file + " is larger than " + MAX_BYTES + " bytes: not a " + kind);
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw CliException.usage("no such file: " + file);
    } catch (IOException e) {
      throw CliException.usage("cannot read " + file + ": " + e.getMessage());
    }
  }
}
