package dev.outpost.it.sso;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A cookie jar that keeps cookies as browsers do where Java's own jar does not: it treats plain
 * HTTP on a loopback address as a secure context (Keycloak in dev mode marks its cookies
 * {@code Secure} even on {@code http://127.0.0.1}), and returns cookies with a lifetime to
 * {@code localhost}.
 */
final class LoopbackCookies extends CookieHandler {

  private static final Pattern SECURE = Pattern.compile(";\\s*Secure(?=;|$)",
      Pattern.CASE_INSENSITIVE);

  private static final Pattern MAX_AGE = Pattern.compile("(?i)Max-Age=(-?\\d+)");

  private final CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

  @Override
  public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders)
      throws IOException {
    return jar.get(uri, requestHeaders);
  }

  @Override
  public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
    boolean plainLoopback = "http".equals(uri.getScheme()) && "127.0.0.1".equals(uri.getHost());
    jar.put(uri, responseHeaders.entrySet().stream()
        .filter(header -> header.getKey() != null)
        .collect(Collectors.toMap(Map.Entry::getKey, header ->
            "set-cookie".equalsIgnoreCase(header.getKey())
                ? header.getValue().stream().map(v -> asBrowserKeeps(v, plainLoopback)).toList()
                : header.getValue())));
  }

  /**
   * Java's jar treats a cookie with {@code Max-Age} as an RFC 2965 cookie, and those it never
   * returns to a host without a dot such as {@code localhost}; the same lifetime as
   * {@code Expires} keeps it a plain cookie, as browsers keep every cookie.
   */
  private static String asBrowserKeeps(String setCookie, boolean plainLoopback) {
    Matcher maxAge = MAX_AGE.matcher(plainLoopback ? SECURE.matcher(setCookie).replaceAll("")
        : setCookie);
    StringBuilder kept = new StringBuilder();
    while (maxAge.find()) {
      long seconds = Long.parseLong(maxAge.group(1));
      Instant expires = seconds <= 0 ? Instant.EPOCH : Instant.now().plusSeconds(seconds);
      maxAge.appendReplacement(kept, "Expires=" + DateTimeFormatter.RFC_1123_DATE_TIME
          .format(expires.atZone(ZoneOffset.UTC)));
    }
    maxAge.appendTail(kept);
    return kept.toString();
  }
}
