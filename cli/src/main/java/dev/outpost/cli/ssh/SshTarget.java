package dev.outpost.cli.ssh;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where an SSH connection goes: {@code LOGIN@NODE:PORT}, NODE possibly carrying its {@code
 * .CLUSTER}. Validated once here because every part ends up inside the tunnel's stream target and
 * the node's logs: only the characters of POSIX user names and DNS names pass.
 */
public record SshTarget(String login, String node, int port) {

  public static final int SSH_PORT = 22;

  private static final Pattern LOGIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}");
  private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,62}");
  private static final int MAX_HOST_NAME = 253;

  public SshTarget {
    requireLogin(login);
    requireHostName(node);
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("invalid port " + port + ": expected 1 to 65535");
    }
  }

  /** Parses {@code LOGIN@NODE[.CLUSTER]:PORT}, as OpenSSH's {@code %r@%h:%p} expands. */
  public static SshTarget parse(String text) {
    Objects.requireNonNull(text, "text");
    int at = text.indexOf('@');
    int colon = text.lastIndexOf(':');
    if (at <= 0 || colon < at) {
      throw new IllegalArgumentException(
          "invalid target '" + printable(text) + "': expected LOGIN@NODE[.CLUSTER]:PORT");
    }
    String port = text.substring(colon + 1);
    if (!port.matches("[0-9]{1,5}")) {
      throw new IllegalArgumentException(
          "invalid port '" + printable(port) + "' in '" + printable(text) + "'");
    }
    return new SshTarget(
        text.substring(0, at), text.substring(at + 1, colon), Integer.parseInt(port));
  }

  /** Whether {@code name} is a DNS-style name: dot-separated labels of letters, digits, _ and -. */
  public static boolean isHostName(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_HOST_NAME) {
      return false;
    }
    for (String label : name.split("\\.", -1)) {
      if (!HOST_LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  static String requireLogin(String login) {
    if (login == null || !LOGIN.matcher(login).matches()) {
      throw new IllegalArgumentException(
          "invalid login '"
              + printable(login)
              + "': use at most 32 letters, digits, '_', '.' and '-', not starting with a digit,"
              + " '.' or '-'");
    }
    return login;
  }

  static String requireHostName(String node) {
    if (!isHostName(node)) {
      throw new IllegalArgumentException(
          "invalid node name '"
              + printable(node)
              + "': use letters, digits, '_' and '-' in dot-separated labels");
    }
    return node;
  }

  /** The client tunnel's stream target, {@code ssh:LOGIN@NODE:PORT}. */
  public String streamTarget() {
    return "ssh:" + login + "@" + node + ":" + port;
  }

  /** The principal the node's host certificate must carry: {@code NODE.CLUSTER}. */
  public String hostPrincipal(String cluster) {
    return node.endsWith("." + cluster) ? node : node + "." + cluster;
  }

  /** Echoes hostile input without its control characters, which could rewrite the terminal. */
  static String printable(String text) {
    if (text == null) {
      return "";
    }
    String shown =
        text.codePoints()
            .map(c -> Character.isISOControl(c) ? '?' : c)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    return shown.length() > 80 ? shown.substring(0, 77) + "..." : shown;
  }

  @Override
  public String toString() {
    return login + "@" + node + ":" + port;
  }
}
