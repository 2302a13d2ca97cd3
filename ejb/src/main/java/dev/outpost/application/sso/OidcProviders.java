package dev.outpost.application.sso;

import dev.outpost.domain.sso.OidcConnector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Discovered identity providers, one per connector, kept for {@link #REDISCOVER_AFTER} (their
 * JWKS caches and refetches keys on its own) and discovered again at once when the connector's
 * issuer or client id changed.
 */
public final class OidcProviders implements Function<OidcConnector, IdentityProvider> {

  static final Duration REDISCOVER_AFTER = Duration.ofHours(1);

  private record Discovered(IdentityProvider provider, Instant at) {}

  private final Map<String, Discovered> byConnector = new ConcurrentHashMap<>();
  private final Function<OidcConnector, IdentityProvider> discovery;
  private final Clock clock;

  public OidcProviders(Clock clock) {
    this(connector -> OidcProvider.discover(connector, clock), clock);
  }

  OidcProviders(Function<OidcConnector, IdentityProvider> discovery, Clock clock) {
    this.discovery = discovery;
    this.clock = clock;
  }

  @Override
  public IdentityProvider apply(OidcConnector connector) {
    Instant now = clock.instant();
    return byConnector.compute(connector.name(), (name, known) ->
        known != null && known.provider().connector().equals(connector)
            && now.isBefore(known.at().plus(REDISCOVER_AFTER))
            ? known : new Discovered(discovery.apply(connector), now)).provider();
  }
}
