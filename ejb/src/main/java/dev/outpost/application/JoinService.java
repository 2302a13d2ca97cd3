package dev.outpost.application;

import dev.outpost.api.JoinRequest;
import dev.outpost.api.JoinResponse;
import dev.outpost.api.RenewRequest;
import dev.outpost.application.join.HostRenewal;
import dev.outpost.application.join.NodeJoining;
import dev.outpost.domain.node.NodeRepository;
import dev.outpost.domain.token.JoinTokenRepository;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;

/** Nodes joining with a token and renewing their host certificate. */
@Stateless
public class JoinService {

  @Inject
  private JoinTokenRepository tokens;

  @Inject
  private NodeRepository nodes;

  @Inject
  private Clock clock;

  @EJB
  private CertificateAuthorityService cas;

  @EJB
  private AuditLog audit;

  private NodeJoining joining;
  private HostRenewal renewal;

  @PostConstruct
  void wire() {
    joining = new NodeJoining(tokens, nodes, cas.authorities(), audit::record, clock);
    renewal = new HostRenewal(nodes, cas.authorities(), audit::record, clock);
  }

  /**
   * Redeems the join token and certifies the node's host key.
   *
   * @throws dev.outpost.domain.shared.OutpostException BAD_REQUEST for invalid fields,
   *     UNAUTHENTICATED ("join token is invalid, expired or already used")
   */
  public JoinResponse join(JoinRequest request, String remoteAddr) {
    return joining.join(request, remoteAddr);
  }

  /** A fresh host certificate for the key of the node's current one. */
  public JoinResponse renew(RenewRequest request, String remoteAddr) {
    return renewal.renew(request, remoteAddr);
  }
}
