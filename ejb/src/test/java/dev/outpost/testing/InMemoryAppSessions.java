package dev.outpost.testing;

import dev.outpost.domain.app.AppSession;
import dev.outpost.domain.app.AppSessionRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class InMemoryAppSessions implements AppSessionRepository {

  private final List<AppSession> sessions = new ArrayList<>();

  @Override
  public Optional<AppSession> findByCodeHash(String codeHash) {
    return sessions.stream().filter(s -> codeHash.equals(s.codeHash())).findFirst();
  }

  @Override
  public Optional<AppSession> findByTokenHash(String tokenHash) {
    return sessions.stream().filter(s -> tokenHash.equals(s.tokenHash())).findFirst();
  }

  @Override
  public void add(AppSession session) {
    sessions.add(session);
  }
}
