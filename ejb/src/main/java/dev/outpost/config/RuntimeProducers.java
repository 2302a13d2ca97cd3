package dev.outpost.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Makes the configuration, the clock and the random source injectable. Services take them from
 * here rather than calling {@code System} or {@code Instant.now()}, so that expiry is testable.
 */
@ApplicationScoped
public class RuntimeProducers {

  private final OutpostConfig config = OutpostConfig.fromEnvironment();
  private final SecureRandom random = new SecureRandom();

  @Produces
  @Singleton
  public OutpostConfig config() {
    return config;
  }

  @Produces
  @Singleton
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Produces
  @Singleton
  public SecureRandom secureRandom() {
    return random;
  }
}
