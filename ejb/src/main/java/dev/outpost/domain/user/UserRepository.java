package dev.outpost.domain.user;

import java.util.List;
import java.util.Optional;

/** Where users are kept. */
public interface UserRepository {

  /** The user named {@code name}, unless deleted. */
  Optional<User> findByName(String name);

  /** The user with {@code id}, locked against concurrent changes until the transaction ends. */
  Optional<User> findForUpdate(String id);

  /** Whether any user exists, deleted ones included. */
  boolean any();

  void add(User user);

  /** Whether a user, deleted or not, has {@code name}: names are never reused. */
  boolean nameTaken(String name);

  /** Users that are not deleted, by name. */
  List<User> list();
}
