package dev.outpost.web.apps;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which app a request is for, from its {@code Host}: {@code NAME.DOMAIN} or {@code
 * NAME.DOMAIN:PORT} names app {@code NAME}; anything else (the console's own host, an IP
 * address) is no app's.
 *
 * @param domain the apps domain, lowercase
 * @param port the public port, part of the URLs the proxy builds
 */
public record AppHost(String domain, int port) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  /** Whether {@code name} can be an app's name: a DNS label. */
  public static boolean isAppName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** The app named by a {@code Host} header value. */
  public Optional<String> appOf(String hostHeader) {
    if (hostHeader == null) {
      return Optional.empty();
    }
    String host = hostHeader.toLowerCase(Locale.ROOT);
    int colon = host.lastIndexOf(':');
    if (colon > 0 && !host.endsWith("]")) {
      host = host.substring(0, colon);
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    String suffix = "." + domain;
    if (!host.endsWith(suffix)) {
      return Optional.empty();
    }
    String name = host.substring(0, host.length() - suffix.length());
    return isAppName(name) ? Optional.of(name) : Optional.empty();
  }

  /** {@code https://NAME.DOMAIN:PORT}, the app's origin. */
  public String origin(String app) {
    return "https://" + app + "." + domain + portSuffix();
  }

  /** {@code https://DOMAIN:PORT}, the console where app users log in. */
  public String consoleOrigin() {
    return "https://" + domain + portSuffix();
  }

  private String portSuffix() {
    return port == 443 ? "" : ":" + port;
  }
}
