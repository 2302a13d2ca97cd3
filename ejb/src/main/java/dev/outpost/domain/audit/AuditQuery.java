package dev.outpost.domain.audit;

import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.shared.Ttl;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Which audit events to list: from {@code since} on, oldest first, narrowed by the filters that are
 * not null, one page of at most {@code limit} after skipping {@code offset}.
 *
 * @param since the earliest event time
 * @param type only events of this type, or null
 * @param user only events whose actor is this user (or node), or null
 * @param node only events about this node, or null
 * @param offset events to skip, for paging
 * @param limit page size, 1 to {@link #MAX_LIMIT}
 */
public record AuditQuery(
    Instant since, AuditEventType type, String user, String node, int offset, int limit) {

  public static final int MAX_LIMIT = 1000;
  public static final int DEFAULT_LIMIT = 100;

  public AuditQuery {
    Objects.requireNonNull(since, "since");
    if (offset < 0) {
      throw OutpostException.badRequest("offset must not be negative, got " + offset);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw OutpostException.badRequest(
          "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    user = blankToNull(user);
    node = blankToNull(node);
  }

  /** Everything since {@code since}, first page of the largest size. */
  public static AuditQuery since(Instant since) {
    return new AuditQuery(since, null, null, null, 0, MAX_LIMIT);
  }

  /**
   * {@code since} as users write it: a duration back from {@code now} ({@code 90s}, {@code 1h},
   * {@code 7d}) or an ISO-8601 instant; one hour when absent.
   */
  public static Instant parseSince(String text, Instant now) {
    if (text != null && text.contains("T")) {
      try {
        return Instant.parse(text.trim());
      } catch (DateTimeParseException e) {
        throw OutpostException.badRequest(
            "since '" + text + "' is neither an ISO-8601 instant nor a duration such as 1h");
      }
    }
    return now.minus(Ttl.parse(text, Duration.ofHours(1)));
  }

  public AuditQuery ofType(AuditEventType newType) {
    return new AuditQuery(since, newType, user, node, offset, limit);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
