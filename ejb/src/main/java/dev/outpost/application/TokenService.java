package dev.outpost.application;

import dev.outpost.api.TokenRequest;
import dev.outpost.api.TokenResponse;
import dev.outpost.api.TokenView;
import dev.outpost.application.admin.JoinTokens;
import dev.outpost.domain.token.JoinTokenRepository;
import dev.outpost.domain.user.UserIdentity;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/** Join tokens for admins: create, list the usable ones, withdraw. */
@Stateless
public class TokenService {

  @Inject
  private JoinTokenRepository tokens;

  @Inject
  private Clock clock;

  @Inject
  private SecureRandom random;

  @EJB
  private CertificateAuthorityService cas;

  @EJB
  private AuditLog audit;

  private JoinTokens joinTokens;

  @PostConstruct
  void wire() {
    joinTokens =
        new JoinTokens(tokens, cas.authorities().tls().pin(), audit::record, clock, random);
  }

  /** A new single-use join token; FORBIDDEN unless {@code admin} has role admin. */
  public TokenResponse create(UserIdentity admin, TokenRequest request) {
    return joinTokens.create(admin, request);
  }

  public List<TokenView> list(UserIdentity admin) {
    return joinTokens.list(admin);
  }

  public void remove(UserIdentity admin, String id) {
    joinTokens.remove(admin, id);
  }
}
