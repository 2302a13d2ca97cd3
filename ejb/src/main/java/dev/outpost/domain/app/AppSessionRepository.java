package dev.outpost.domain.app;

import java.util.Optional;

/** Where app sessions are kept. */
public interface AppSessionRepository {

  Optional<AppSession> findByCodeHash(String codeHash);

  Optional<AppSession> findByTokenHash(String tokenHash);

  void add(AppSession session);
}
