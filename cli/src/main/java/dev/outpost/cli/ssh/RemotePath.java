package dev.outpost.cli.ssh;

import java.util.Optional;

/**
 * A {@code [LOGIN@]NODE:PATH} argument of {@code outpost scp}. An argument without a colon before
 * any slash is a local path, as for OpenSSH's {@code scp}.
 *
 * @param destination the node and login
 * @param path the path on the node (empty: the login's home directory)
 */
public record RemotePath(Destination destination, String path) {

  /** The remote path {@code text} names, or empty when it is a local path. */
  public static Optional<RemotePath> parse(String text) {
    int colon = text.indexOf(':');
    int slash = text.indexOf('/');
    if (colon <= 0 || (slash >= 0 && slash < colon)) {
      return Optional.empty();
    }
    String path = text.substring(colon + 1);
    if (path.indexOf('\n') >= 0 || path.indexOf('\r') >= 0 || path.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("invalid remote path '" + SshTarget.printable(path)
          + "': line breaks and NUL are not allowed");
    }
    return Optional.of(new RemotePath(Destination.parse(text.substring(0, colon)),
        path.isEmpty() ? "." : path));
  }
}
