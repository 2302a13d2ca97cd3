package dev.outpost.web.apps;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which app a request is for, from its {@code Host}: {@code NAME.DOMAIN} or {@code
 * NAME.DOMAIN:PORT} names app {@code NAME}; anything else (the console's own host, an IP
 * address) is no app's. {@code APP--LEAF.DOMAIN} is app {@code APP} of leaf cluster {@code LEAF}:
 * one label, so that the certificate's {@code *.DOMAIN} covers it (a TLS wildcard matches one
 * label only), and an origin of its own. App names never contain {@code --}, so the label splits
 * one way only and never names an app of this cluster.
 *
 * @param domain the apps domain, lowercase
 * @param port the public port, part of the URLs the proxy builds
 */
public record AppHost(String domain, int port) {
  static final String LEAF_SEPARATOR = "--";
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  /**
   * An app of a leaf cluster, by its host label.
   *
   * @param app the app's name in the leaf
   * @param leaf the leaf cluster
   */
  public record LeafApp(String app, String leaf) {
    /** {@code APP--LEAF}, the app's label at the root; empty when it is longer than a label may be. */
    public Optional<String> label() {
      String label = app + LEAF_SEPARATOR + leaf;
      return LABEL.matcher(label).matches() ? Optional.of(label) : Optional.empty();
    }
  }

  /** Whether {@code name} can be an app's name: a DNS label without {@code --}. */
  public static boolean isAppName(String name) {
    return name != null && LABEL.matcher(name).matches() && !name.contains(LEAF_SEPARATOR);
  }

  /** The leaf app a host label names, {@code APP--LEAF}; empty for this cluster's apps. */
  public static Optional<LeafApp> leafApp(String label) {
    int separator = label.indexOf(LEAF_SEPARATOR);
    if (separator <= 0 || !LABEL.matcher(label).matches()) {
      return Optional.empty();
    }
    return Optional.of(new LeafApp(label.substring(0, separator),
        label.substring(separator + LEAF_SEPARATOR.length())));
  }

  /** The app named by a {@code Host} header value: an app's name, or a leaf app's label. */
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
    return LABEL.matcher(name).matches() ? Optional.of(name) : Optional.empty();
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
