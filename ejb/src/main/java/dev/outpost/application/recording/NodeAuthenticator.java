package dev.outpost.application.recording;

import dev.outpost.api.CertificateProof;

/** Who made a node request; {@link NodeRequestVerifier} checks the host-key proof. */
@FunctionalInterface
public interface NodeAuthenticator {

  /**
   * @return the node's name
   * @throws dev.outpost.domain.shared.OutpostException UNAUTHENTICATED with the reason
   */
  String verify(CertificateProof proof, String subject, long timestamp);
}
