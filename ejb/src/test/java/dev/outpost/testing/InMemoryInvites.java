package dev.outpost.testing;

import dev.outpost.domain.user.Invite;
import dev.outpost.domain.user.InviteRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class InMemoryInvites implements InviteRepository {

  private final List<Invite> invites = new ArrayList<>();

  @Override
  public Optional<Invite> findByCodeHash(String codeHash) {
    return invites.stream().filter(i -> i.codeHash().equals(codeHash)).findFirst();
  }

  @Override
  public void add(Invite invite) {
    invites.add(invite);
  }
}
