package dev.outpost.application;

import dev.outpost.api.CertificateProof;
import dev.outpost.application.tunnel.TunnelCredentials;
import dev.outpost.application.tunnel.VerifiedUser;
import dev.outpost.domain.cluster.TrustedClusterRepository;
import dev.outpost.domain.node.NodeRepository;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.domain.user.UserRepository;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Verifies tunnel handshake credentials: the UTF-8 JSON of a {@link CertificateProof} over
 * {@code CertificateProof.tunnelChallenge(nonce)}. The exception message is the reason to send
 * back in GOAWAY.
 */
@Stateless
public class TunnelAuthService {

  static final int MAX_CREDENTIAL_BYTES = 32_768;

  @Inject
  private NodeRepository nodes;

  @Inject
  private UserRepository users;

  @Inject
  private TrustedClusterRepository clusters;

  @Inject
  private Clock clock;

  @EJB
  private CertificateAuthorityService cas;

  @EJB
  private AuditLog audit;

  private TunnelCredentials credentials;
  private Jsonb jsonb;

  @PostConstruct
  void wire() {
    credentials = new TunnelCredentials(cas.authorities(), nodes, users, clusters, audit::record,
        clock);
    jsonb = JsonbBuilder.create();
  }

  @PreDestroy
  void close() {
    try {
      jsonb.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot close JSON-B", e);
    }
  }

  /**
   * @return the name of the node whose agent presented {@code credential}
   * @throws OutpostException UNAUTHENTICATED with the precise reason
   */
  public String verifyAgent(byte[] nonce, byte[] credential, String remoteAddr) {
    return credentials.verifyAgent(nonce, proof(credential), remoteAddr);
  }

  /**
   * @return the name of the leaf cluster whose proxy presented {@code credential}
   * @throws OutpostException UNAUTHENTICATED with the precise reason
   */
  public String verifyLeaf(byte[] nonce, byte[] credential, String remoteAddr) {
    return credentials.verifyLeaf(nonce, proof(credential), remoteAddr);
  }

  /**
   * @return the identity of the user who presented {@code credential}
   * @throws OutpostException UNAUTHENTICATED with the precise reason
   */
  public VerifiedUser verifyUser(byte[] nonce, byte[] credential, String remoteAddr) {
    return credentials.verifyUser(nonce, proof(credential), remoteAddr);
  }

  /**
   * Audits a refused resume: node {@code claimant}, authenticated, named the tunnel session of
   * {@code owner}.
   */
  public void resumeRefused(String claimant, String owner, String sessionId) {
    credentials.resumeRefused(claimant, owner, sessionId);
  }

  private CertificateProof proof(byte[] credential) {
    if (credential == null || credential.length == 0 || credential.length > MAX_CREDENTIAL_BYTES) {
      throw OutpostException.unauthenticated("credential is missing or oversized");
    }
    try {
      return jsonb.fromJson(new String(credential, StandardCharsets.UTF_8), CertificateProof.class);
    } catch (JsonbException e) {
      throw OutpostException.unauthenticated("credential is not a certificate proof (JSON)");
    }
  }
}
