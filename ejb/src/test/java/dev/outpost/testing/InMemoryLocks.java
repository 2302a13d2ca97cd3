package dev.outpost.testing;

import dev.outpost.domain.lock.Lock;
import dev.outpost.domain.lock.LockRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class InMemoryLocks implements LockRepository {

  private final List<Lock> locks = new ArrayList<>();

  @Override
  public void add(Lock lock) {
    locks.add(lock);
  }

  @Override
  public Optional<Lock> findById(String id) {
    return locks.stream().filter(lock -> lock.id().equals(id)).findFirst();
  }

  @Override
  public void remove(Lock lock) {
    locks.remove(lock);
  }

  @Override
  public List<Lock> activeAt(Instant now) {
    return locks.stream().filter(lock -> lock.expiresAt().isAfter(now)).toList();
  }
}
