package dev.outpost.tunnel;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stream target the proxy opens on the agent, e.g. {@code ssh?login=root&user=alice&session=…}:
 * a service name and, for the node's own log, who asked for it.
 *
 * @param service the part before {@code ?}
 * @param fields the query fields, decoded and sanitised for logging
 */
public record StreamTarget(String service, Map<String, String> fields) {
  private static final int MAX_FIELD_LENGTH = 256;

  public StreamTarget {
    fields = Map.copyOf(fields);
  }

  public static StreamTarget parse(String target) {
    int query = target.indexOf('?');
    String service = query < 0 ? target : target.substring(0, query);
    Map<String, String> fields = new LinkedHashMap<>();
    if (query >= 0) {
      for (String pair : target.substring(query + 1).split("&")) {
        int equals = pair.indexOf('=');
        if (equals > 0) {
          fields.putIfAbsent(
              printable(pair.substring(0, equals)), printable(pair.substring(equals + 1)));
        }
      }
    }
    return new StreamTarget(service, fields);
  }

  public String field(String name) {
    return fields.getOrDefault(name, "-");
  }

  /** Decoded, control characters replaced and cut short: the values end up in log lines. */
  private static String printable(String raw) {
    String decoded;
    try {
      decoded = URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      decoded = raw;
    }
    StringBuilder out = new StringBuilder(Math.min(decoded.length(), MAX_FIELD_LENGTH));
    decoded
        .codePoints()
        .limit(MAX_FIELD_LENGTH)
        .forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return out.toString();
  }
}
