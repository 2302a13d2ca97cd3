package dev.outpost.domain.sso;

import java.time.Instant;
import java.util.Optional;

/** Where authorization requests wait for the identity provider's answer. */
public interface SsoRequestRepository {

  void add(SsoRequest request);

  /** The request whose state hashes to {@code stateHash}, locked until the transaction ends. */
  Optional<SsoRequest> findForUpdate(String stateHash);

  /** Forgets requests that expired before {@code before}. */
  void deleteExpired(Instant before);
}
