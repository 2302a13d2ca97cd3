package dev.outpost.testing;

import dev.outpost.domain.session.WebSession;
import dev.outpost.domain.session.WebSessionRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class InMemorySessions implements WebSessionRepository {

  private final List<WebSession> sessions = new ArrayList<>();

  @Override
  public Optional<WebSession> findByTokenHash(String tokenHash) {
    return sessions.stream().filter(s -> s.tokenHash().equals(tokenHash)).findFirst();
  }

  @Override
  public void add(WebSession session) {
    sessions.add(session);
  }
}
