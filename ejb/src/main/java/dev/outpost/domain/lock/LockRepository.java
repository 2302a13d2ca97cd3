package dev.outpost.domain.lock;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where locks are kept. */
public interface LockRepository {

  void add(Lock lock);

  /** Locks in force at {@code now}, oldest first. */
  List<Lock> activeAt(Instant now);

  Optional<Lock> findById(String id);

  /** The lock in force at {@code now} that covers a session of {@code user} to {@code node}. */
  default Optional<Lock> covering(String user, String node, Instant now) {
    return activeAt(now).stream().filter(lock -> lock.covers(user, node)).findFirst();
  }

  /** Lifts a lock before it expires. */
  void remove(Lock lock);
}
