package dev.outpost.agent.recording;

import dev.outpost.agent.identity.CurrentIdentity;
import dev.outpost.agent.identity.NodeIdentity;
import dev.outpost.api.CertificateProof;
import java.security.GeneralSecurityException;
import java.time.Clock;

/** Signs the node's REST requests with its host key: a fresh proof per request. */
public final class NodeRequestSigner {

  /** A proof and the time it was made at. */
  public record Signed(CertificateProof proof, long timestamp) {}

  private final CurrentIdentity identity;
  private final Clock clock;

  public NodeRequestSigner(CurrentIdentity identity, Clock clock) {
    this.identity = identity;
    this.clock = clock;
  }

  public Signed sign(String subject) throws GeneralSecurityException {
    NodeIdentity current = identity.get();
    long now = clock.instant().getEpochSecond();
    return new Signed(CertificateProof.sign(current.hostKey(), current.hostCertificate().line(),
        CertificateProof.nodeRequestChallenge(current.node().node(), subject, now)), now);
  }
}
