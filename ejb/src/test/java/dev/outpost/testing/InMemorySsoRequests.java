package dev.outpost.testing;

import dev.outpost.domain.sso.SsoRequest;
import dev.outpost.domain.sso.SsoRequestRepository;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Authorization requests in a map, by state hash. */
public final class InMemorySsoRequests implements SsoRequestRepository {

  private final Map<String, SsoRequest> byStateHash = new HashMap<>();

  @Override
  public void add(SsoRequest request) {
    byStateHash.put(request.stateHash(), request);
  }

  @Override
  public Optional<SsoRequest> findForUpdate(String stateHash) {
    return Optional.ofNullable(byStateHash.get(stateHash));
  }

  @Override
  public void deleteExpired(Instant before) {
    byStateHash.values().removeIf(request -> request.isExpiredAt(before));
  }
}
