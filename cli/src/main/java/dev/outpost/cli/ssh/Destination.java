package dev.outpost.cli.ssh;

/**
 * The {@code [LOGIN@]NODE} argument of {@code outpost ssh}: the login may be left out, to be taken
 * from the certificate.
 *
 * @param login the login, or null
 * @param node the node, possibly with {@code .CLUSTER}
 */
public record Destination(String login, String node) {

  public Destination {
    if (login != null) {
      SshTarget.requireLogin(login);
    }
    SshTarget.requireHostName(node);
  }

  public static Destination parse(String text) {
    int at = text.indexOf('@');
    if (text.indexOf(':') >= 0) {
      throw new IllegalArgumentException(
          "invalid destination '"
              + SshTarget.printable(text)
              + "': expected [LOGIN@]NODE without a port");
    }
    return at < 0
        ? new Destination(null, text)
        : new Destination(text.substring(0, at), text.substring(at + 1));
  }

  /** The SSH target on the standard port, with {@code defaultLogin} if none was given. */
  public SshTarget toTarget(String defaultLogin) {
    return new SshTarget(login == null ? defaultLogin : login, node, SshTarget.SSH_PORT);
  }
}
