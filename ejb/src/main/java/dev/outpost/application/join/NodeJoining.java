package dev.outpost.application.join;

import dev.outpost.api.JoinRequest;
import dev.outpost.api.JoinResponse;
import dev.outpost.ca.CertificateAuthorities;
import dev.outpost.ca.SshKeys;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.node.Node;
import dev.outpost.domain.node.NodeRepository;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.shared.SecretToken;
import dev.outpost.domain.token.JoinToken;
import dev.outpost.domain.token.JoinTokenRepository;
import dev.outpost.domain.token.TokenType;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;

/**
 * A node joins: its token is redeemed (once), the node registered or refreshed, its host key
 * certified. Each attempt is audited as {@code join}, refused ones with the reason.
 */
public final class NodeJoining {

  private final JoinTokenRepository tokens;
  private final NodeRepository nodes;
  private final CertificateAuthorities cas;
  private final AuditRecorder audit;
  private final Clock clock;

  public NodeJoining(JoinTokenRepository tokens, NodeRepository nodes, CertificateAuthorities cas,
      AuditRecorder audit, Clock clock) {
    this.tokens = tokens;
    this.nodes = nodes;
    this.cas = cas;
    this.audit = audit;
    this.clock = clock;
  }

  public JoinResponse join(JoinRequest request, String remoteAddr) {
    String claimedName = request == null ? null : request.name();
    AuditRecord attempt = AuditRecord.success(AuditEventType.JOIN)
        .actor(claimedName).node(claimedName).remoteAddr(remoteAddr);
    try {
      JoinCommand command = JoinCommand.from(request);
      Instant now = clock.instant();
      tokens.findForUpdate(SecretToken.hash(command.token()))
          .orElseThrow(() -> OutpostException.unauthenticated(JoinToken.INVALID))
          .redeem(TokenType.NODE, command.name().value(), now);
      String fingerprint = SshKeys.fingerprint(command.hostKey());
      register(command, fingerprint, now);
      JoinResponse response = response(command.name().value(), command.hostKey(), now, cas);
      audit.record(attempt.message("host key " + fingerprint));
      return response;
    } catch (OutpostException e) {
      audit.record(attempt.failed(e.getMessage()));
      throw e;
    }
  }

  private void register(JoinCommand command, String fingerprint, Instant now) {
    nodes.find(cas.cluster(), command.name().value()).ifPresentOrElse(
        node -> node.rejoin(command.labels(), fingerprint, now),
        () -> nodes.add(new Node(cas.cluster(), command.name(), command.labels(), fingerprint,
            now)));
  }

  /** The identity a node receives: a host certificate for {@code key} and the cluster's CAs. */
  static JoinResponse response(String node, PublicKey key, Instant now,
      CertificateAuthorities cas) {
    try {
      return new JoinResponse(cas.cluster(), node, cas.issueHostCertificate(key, node, now),
          cas.users().trustedKeyLines(now), cas.tls().certificatePem());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the host certificate", e);
    }
  }
}
