package dev.outpost.it.sso;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A cookie jar that treats plain HTTP on a loopback address as a secure context, as browsers do:
 * Keycloak in dev mode marks its cookies {@code Secure} even on {@code http://127.0.0.1}, and
 * Java's own jar would never send them back.
 */
final class LoopbackCookies extends CookieHandler {

  private static final Pattern SECURE = Pattern.compile(";\\s*Secure(?=;|$)",
      Pattern.CASE_INSENSITIVE);

  private final CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

  @Override
  public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders)
      throws IOException {
    return jar.get(uri, requestHeaders);
  }

  @Override
  public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
    if (!"http".equals(uri.getScheme()) || !"127.0.0.1".equals(uri.getHost())) {
      jar.put(uri, responseHeaders);
      return;
    }
    jar.put(uri, responseHeaders.entrySet().stream()
        .filter(header -> header.getKey() != null)
        .collect(Collectors.toMap(Map.Entry::getKey, header ->
            "set-cookie".equalsIgnoreCase(header.getKey())
                ? header.getValue().stream().map(v -> SECURE.matcher(v).replaceAll("")).toList()
                : header.getValue())));
  }
}
