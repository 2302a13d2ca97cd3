package dev.outpost.application.login;

/**
 * Counts a failed login against a user. In the container it commits in a transaction of its own,
 * because the failed login's transaction rolls back.
 */
@FunctionalInterface
public interface FailedLoginRecorder {

  void recordFailure(String userId);
}
