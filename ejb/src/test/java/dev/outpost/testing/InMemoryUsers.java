package dev.outpost.testing;

import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

public final class InMemoryUsers implements UserRepository {

  private final List<User> users = new ArrayList<>();
  private RuntimeException away;

  /** From now on every look-up by name fails with {@code failure}, as with the database away. */
  public void goAway(RuntimeException failure) {
    away = failure;
  }

  @Override
  public Optional<User> findByName(String name) {
    if (away != null) {
      throw away;
    }
    return users.stream().filter(u -> u.name().equals(name) && !u.isDeleted()).findFirst();
  }

  @Override
  public Optional<User> findForUpdate(String id) {
    return users.stream().filter(u -> u.id().equals(id)).findFirst();
  }

  @Override
  public boolean any() {
    return !users.isEmpty();
  }

  @Override
  public void add(User user) {
    users.add(user);
  }

  @Override
  public boolean nameTaken(String name) {
    return users.stream().anyMatch(u -> u.name().equals(name));
  }

  @Override
  public List<User> list() {
    return users.stream().filter(u -> !u.isDeleted())
        .sorted(Comparator.comparing(User::name)).toList();
  }

  /** How many users there are. */
  public int count() {
    return users.size();
  }
}
