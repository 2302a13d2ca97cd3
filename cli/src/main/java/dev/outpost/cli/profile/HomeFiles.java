package dev.outpost.cli.profile;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files of the CLI home with the right permissions from their first byte: each file is
 * written to a temporary file created with its final mode and then renamed over the old one, so a
 * private key is never readable by others, not even briefly, and a crash never leaves half a file.
 */
public final class HomeFiles {

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> WORLD_READABLE =
      PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> PRIVATE_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private HomeFiles() {}

  /** Creates {@code dir} if needed and makes it owner-only. */
  public static void createPrivateDirectory(Path dir) throws IOException {
    if (!POSIX) {
      Files.createDirectories(dir);
      return;
    }
    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIRECTORY));
    Files.setPosixFilePermissions(dir, PRIVATE_DIRECTORY);
  }

  /** Mode 0600: keys and the session token. */
  public static void writeSecret(Path file, String content) throws IOException {
    write(file, content, OWNER_ONLY);
  }

  /** Mode 0644: public keys and certificates. */
  static void writePublic(Path file, String content) throws IOException {
    write(file, content, WORLD_READABLE);
  }

  private static void write(Path file, String content, Set<PosixFilePermission> mode)
      throws IOException {
    FileAttribute<?>[] attributes =
        POSIX
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)}
            : new FileAttribute<?>[0];
    Path temporary =
        Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp", attributes);
    try {
      if (POSIX) {
        // Created with at most this mode (the umask may take bits away); now exactly this mode.
        Files.setPosixFilePermissions(temporary, mode);
      }
      Files.writeString(temporary, content);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
