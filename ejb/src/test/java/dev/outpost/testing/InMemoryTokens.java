package dev.outpost.testing;

import dev.outpost.domain.token.JoinToken;
import dev.outpost.domain.token.JoinTokenRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

public final class InMemoryTokens implements JoinTokenRepository {

  private final List<JoinToken> tokens = new ArrayList<>();

  @Override
  public Optional<JoinToken> findForUpdate(String tokenHash) {
    return tokens.stream().filter(t -> t.tokenHash().equals(tokenHash)).findFirst();
  }

  @Override
  public void add(JoinToken token) {
    tokens.add(token);
  }

  @Override
  public List<JoinToken> pending(Instant now) {
    return tokens.stream().filter(t -> t.isPending(now))
        .sorted(Comparator.comparing(JoinToken::expiresAt)).toList();
  }

  @Override
  public Optional<JoinToken> findById(String id) {
    return tokens.stream().filter(t -> t.id().equals(id)).findFirst();
  }

  @Override
  public void remove(JoinToken token) {
    tokens.remove(token);
  }
}
