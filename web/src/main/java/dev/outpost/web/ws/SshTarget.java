package dev.outpost.web.ws;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a client asks the proxy for: {@code ssh:LOGIN@NODE[.CLUSTER]:PORT}, followed by {@code
 * ?end-to-end} when the client can resume the stream through a restarted proxy (docs/tunnel.md,
 * "End-to-end resume"). Parsed strictly so that nothing odd reaches the authorisation check or the
 * node.
 */
record SshTarget(String login, String node, String cluster, int port, boolean endToEnd) {
  private static final Pattern FORM =
      Pattern.compile("ssh:([a-z_][a-z0-9_.-]{0,31})@([a-z0-9][a-z0-9-]{0,62})((?:\\.[a-z0-9][a-z0-9-]{0,62})*):([0-9]{1,5})(\\?end-to-end)?");

  static SshTarget parse(String target) {
    Matcher m = FORM.matcher(target);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "malformed target '" + printable(target) + "': expected ssh:LOGIN@NODE[.CLUSTER]:PORT");
    }
    int port = Integer.parseInt(m.group(4));
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    String cluster = m.group(3).isEmpty() ? null : m.group(3).substring(1);
    return new SshTarget(m.group(1), m.group(2), cluster, port, m.group(5) != null);
  }

  /** Keeps hostile input out of error messages and logs. */
  private static String printable(String s) {
    String cut = s.length() > 80 ? s.substring(0, 80) + "…" : s;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
