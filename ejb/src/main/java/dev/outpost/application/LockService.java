package dev.outpost.application;

import dev.outpost.api.LockRequest;
import dev.outpost.api.LockView;
import dev.outpost.application.admin.Locking;
import dev.outpost.domain.lock.LockRepository;
import dev.outpost.domain.user.UserIdentity;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;

/**
 * Locks on users and nodes. {@link AccessService} refuses the sessions they cover; the proxy's
 * relay ends live ones.
 */
@Stateless
public class LockService {

  @Inject
  private LockRepository locks;

  @Inject
  private Clock clock;

  @EJB
  private AuditLog audit;

  private Locking locking;

  @PostConstruct
  void wire() {
    locking = new Locking(locks, audit::record, clock);
  }

  public LockView lock(UserIdentity admin, LockRequest request) {
    return locking.lock(admin, request);
  }

  public List<LockView> list(UserIdentity admin) {
    return locking.list(admin);
  }

  /** Lifts a lock; NOT_FOUND when there is none with {@code id}. */
  public void remove(UserIdentity admin, String id) {
    locking.remove(admin, id);
  }
}
