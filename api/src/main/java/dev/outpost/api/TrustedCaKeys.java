package dev.outpost.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * CA public keys as Outpost hands them out: one {@code authorized_keys} line per key, the key
 * that signs now first. A key that a rotation retired carries the comment {@code
 * trusted-until=ISO-8601} and is trusted until then only; OpenSSH ignores the comment, Outpost's
 * nodes and proxies honour it by their own clock.
 */
public final class TrustedCaKeys {
  static final String UNTIL = "trusted-until=";

  private TrustedCaKeys() {}

  /** {@code keyLine} (type and base64, no comment) trusted until {@code until}. */
  public static String retiring(String keyLine, Instant until) {
    return keyLine.strip() + " " + UNTIL + until;
  }

  /** When the key of {@code line} stops being trusted; empty for a key without end. */
  public static Optional<Instant> until(String line) {
    String[] fields = line.strip().split("\\s+");
    for (int i = 2; i < fields.length; i++) {
      if (fields[i].startsWith(UNTIL)) {
        try {
          return Optional.of(Instant.parse(fields[i].substring(UNTIL.length())));
        } catch (DateTimeParseException e) {
          // a mangled end must not prolong trust: the key ends at once
          return Optional.of(Instant.EPOCH);
        }
      }
    }
    return Optional.empty();
  }

  /** Whether the key of {@code line} is trusted at {@code now}. */
  public static boolean isTrustedAt(String line, Instant now) {
    return until(line).map(now::isBefore).orElse(true);
  }

  /** The lines of {@code lines} still trusted at {@code now}, in order. */
  public static List<String> trustedAt(List<String> lines, Instant now) {
    return lines.stream().filter(line -> isTrustedAt(line, now)).toList();
  }
}
