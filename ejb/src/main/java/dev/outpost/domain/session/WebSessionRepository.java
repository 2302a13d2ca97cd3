package dev.outpost.domain.session;

import java.util.Optional;

/** Where web sessions are kept. */
public interface WebSessionRepository {

  Optional<WebSession> findByTokenHash(String tokenHash);

  void add(WebSession session);
}
