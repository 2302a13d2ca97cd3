package dev.outpost.domain.user;

import java.util.Optional;

/** Where invites are kept. */
public interface InviteRepository {

  Optional<Invite> findByCodeHash(String codeHash);

  void add(Invite invite);
}
