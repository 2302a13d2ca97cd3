package dev.outpost.domain.token;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where join tokens are kept. */
public interface JoinTokenRepository {

  /**
   * The token with this hash, its row locked until the transaction ends, so that a concurrent
   * redeemer waits and then sees it used.
   */
  Optional<JoinToken> findForUpdate(String tokenHash);

  void add(JoinToken token);

  /** Tokens neither used nor expired at {@code now}, soonest to expire first. */
  List<JoinToken> pending(Instant now);

  Optional<JoinToken> findById(String id);

  void remove(JoinToken token);
}
