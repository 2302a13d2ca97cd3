package dev.outpost.cli.command;

import dev.outpost.cli.CliException;
import dev.outpost.client.http.ApiClient;
import dev.outpost.client.http.ProxyAddress;
import dev.outpost.client.http.ProxyConnectionException;
import dev.outpost.client.tls.PinnedTrust;
import dev.outpost.client.tls.TlsContexts;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Option;

/**
 * What commands that talk to the proxy before any login share ({@code login}, {@code mfa
 * enroll}): its address, how to trust it, who the user is and where the password comes from.
 */
final class ProxyLoginOptions {

  @Option(
      names = "--proxy",
      required = true,
      paramLabel = "HOST:PORT",
      description = "The proxy's public address.")
  ProxyAddress proxy;

  @Option(names = "--user", paramLabel = "NAME", description = "User name (default: the OS user).")
  String user;

  @Option(
      names = "--password-stdin",
      description = "Read the password (and a TOTP code on the next line) from standard input.")
  boolean passwordStdin;

  @Option(
      names = "--ca-pin",
      paramLabel = "sha256:HEX",
      description = "Trust the proxy if its chain holds the CA with this pin.")
  String caPin;

  @Option(
      names = "--insecure",
      description = "Do not verify the proxy's certificate; trust the CA it then sends.")
  boolean insecure;

  String userName(CliEnvironment environment) {
    return user == null ? environment.userName() : user;
  }

  LoginPrompts prompts(CliEnvironment environment) {
    return new LoginPrompts(passwordStdin, environment.stdio().in(), environment.console());
  }

  /** The trust that {@code --ca-pin} names, or null without it. */
  PinnedTrust pinnedTrust() throws CliException {
    if (insecure && caPin != null) {
      throw CliException.usage("--insecure and --ca-pin exclude each other");
    }
    if (caPin == null) {
      return null;
    }
    try {
      return TlsContexts.pinned(caPin);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  /** A client of the proxy, trusting it by {@code pinned}, {@code --insecure} or the system. */
  ApiClient api(PinnedTrust pinned) {
    SSLContext tls =
        insecure
            ? TlsContexts.insecure()
            : pinned != null ? pinned.context() : TlsContexts.systemDefault();
    return new ApiClient(proxy, tls);
  }

  /** A connection failure, with a hint when the proxy's certificate was not trusted. */
  CliException connectionFailure(ProxyConnectionException e) {
    boolean untrusted = e.getMessage().contains("is not trusted") && !insecure && caPin == null;
    return CliException.failure(
        e.getMessage()
            + (untrusted
                ? " (if it uses the cluster's own CA, pass --ca-pin=sha256:... from your"
                    + " administrator, or --insecure)"
                : ""),
        e);
  }
}
