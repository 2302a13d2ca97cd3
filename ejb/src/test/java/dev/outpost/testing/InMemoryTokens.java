package dev.outpost.testing;

import dev.outpost.domain.token.JoinToken;
import dev.outpost.domain.token.JoinTokenRepository;
import java.util.ArrayList;
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
}
