package dev.outpost.ca;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files that only their owner may read ({@code 0600} in {@code 0700} directories), written so
 * that a reader never sees half a file.
 */
public final class PrivateFiles {

  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private PrivateFiles() {}

  /**
   * Writes {@code content} to {@code target} unless it exists already.
   *
   * @return false when the file existed (possibly written by a concurrent caller)
   */
  public static boolean createExclusively(Path target, byte[] content) throws IOException {
    Path temporary = writeTemporary(target, content);
    try {
      // A hard link fails when the target exists, unlike an atomic rename that would replace it.
      Files.createLink(target, temporary);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Replaces {@code target} atomically with {@code content}. */
  public static void replace(Path target, byte[] content) throws IOException {
    Path temporary = writeTemporary(target, content);
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static Path writeTemporary(Path target, byte[] content) throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    createDirectories(directory);
    Path temporary = isPosix(directory)
        ? Files.createTempFile(directory, ".tmp-", ".part",
            PosixFilePermissions.asFileAttribute(OWNER_FILE))
        : Files.createTempFile(directory, ".tmp-", ".part");
    Files.write(temporary, content);
    return temporary;
  }

  private static void createDirectories(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    Path parent = directory.getParent();
    if (parent != null) {
      createDirectories(parent);
    }
    FileAttribute<?>[] attributes = isPosix(parent)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY)}
        : new FileAttribute<?>[0];
    try {
      Files.createDirectory(directory, attributes);
    } catch (FileAlreadyExistsException e) {
      // created concurrently: fine
    }
  }

  private static boolean isPosix(Path path) {
    return path != null
        && Files.exists(path)
        && path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
