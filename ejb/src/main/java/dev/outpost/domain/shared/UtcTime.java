package dev.outpost.domain.shared;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Entities keep their instants as UTC {@link OffsetDateTime}s: JPA 3.1 maps that type portably to
 * {@code TIMESTAMP WITH TIME ZONE} (H2 and PostgreSQL return different JDBC types for it, which
 * the provider reconciles), whereas {@link Instant} it does not know. Entity methods speak
 * {@code Instant}.
 */
public final class UtcTime {

  private UtcTime() {}

  public static OffsetDateTime of(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  public static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
