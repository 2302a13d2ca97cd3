package dev.outpost.application;

import dev.outpost.application.sso.PendingSignIn;
import dev.outpost.application.sso.SignInRequests;
import dev.outpost.domain.sso.SsoPurpose;
import dev.outpost.domain.sso.SsoRequestRepository;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Takes an authorization request off the books in a transaction of its own, so that its state is
 * spent even when the sign-in that follows fails: a state never works twice.
 */
@Stateless
public class SsoRequestLedger {

  @Inject
  private SsoRequestRepository requests;

  @Inject
  private Clock clock;

  @Inject
  private SecureRandom random;

  private SignInRequests signIns;

  @PostConstruct
  void wire() {
    signIns = new SignInRequests(requests, clock, random);
  }

  /** @throws dev.outpost.application.sso.SsoRefusal for an unknown, spent or expired state */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public PendingSignIn take(String state, SsoPurpose purpose) {
    return signIns.take(state, purpose);
  }
}
