package dev.outpost.application;

import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Counts failed logins in a transaction of its own: the failed login rolls back, its count must
 * not. The user's row is locked so that concurrent failures all count.
 */
@Stateless
public class LoginFailures {

  @Inject
  private UserRepository users;

  @Inject
  private Clock clock;

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void recordFailure(String userId) {
    users.findForUpdate(userId).ifPresent((User user) -> user.loginFailed(clock.instant()));
  }
}
