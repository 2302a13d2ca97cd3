package dev.outpost.agent.apps;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One {@code --app=NAME=http://HOST:PORT[,label=value…]}: a web app on the device, checked once.
 * Only plain {@code http} upstreams on an explicit port and with no path, user info, query or
 * fragment: the app is reached at exactly that socket, the proxy's TLS protects the rest of the
 * way.
 *
 * @param name the app's name, a DNS label (it becomes the app's subdomain)
 * @param upstream the upstream's base URI, {@code http://host:port}
 * @param labels the app's labels, matched by roles' {@code app_labels}
 */
public record AppSpec(String name, URI upstream, Map<String, String> labels) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9._/-]{1,63}");

  public AppSpec {
    labels = Map.copyOf(labels);
  }

  /** Parses the option's value; the error message names what is wrong. */
  public static AppSpec parse(String option) {
    String[] parts = option.split(",");
    int equals = parts[0].indexOf('=');
    if (equals <= 0) {
      throw new IllegalArgumentException("--app must be NAME=http://HOST:PORT[,label=value…], not '"
          + option + "'");
    }
    String name = parts[0].substring(0, equals);
    if (!NAME.matcher(name).matches() || name.contains("--")) {
      throw new IllegalArgumentException("app name '" + name
          + "' must be a DNS label without '--': lowercase letters, digits and '-', at most 63");
    }
    URI upstream = upstream(name, parts[0].substring(equals + 1));
    Map<String, String> labels = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq <= 0 || !LABEL_KEY.matcher(parts[i].substring(0, eq)).matches()) {
        throw new IllegalArgumentException("app " + name + ": label '" + parts[i]
            + "' must be key=value");
      }
      labels.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
    }
    return new AppSpec(name, upstream, labels);
  }

  /** {@code host:port}, the value of the {@code Host} header the upstream receives. */
  public String authority() {
    return upstream.getRawAuthority();
  }

  private static URI upstream(String name, String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("app " + name + ": '" + text + "' is not a URL");
    }
    if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1
        || uri.getRawUserInfo() != null || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
      throw new IllegalArgumentException("app " + name + ": upstream must be http://HOST:PORT, not '"
          + text + "'");
    }
    return URI.create("http://" + uri.getRawAuthority());
  }
}
