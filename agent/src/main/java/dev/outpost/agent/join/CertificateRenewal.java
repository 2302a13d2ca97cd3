package dev.outpost.agent.join;

import dev.outpost.agent.identity.CurrentIdentity;
import dev.outpost.agent.identity.HostCertificate;
import dev.outpost.agent.identity.IdentityStore;
import dev.outpost.agent.identity.NodeIdentity;
import dev.outpost.agent.identity.UserCaKeys;
import dev.outpost.api.CertificateProof;
import dev.outpost.api.JoinResponse;
import dev.outpost.api.RenewRequest;
import dev.outpost.api.TrustedCaKeys;
import dev.outpost.client.http.ApiClient;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * Renews the host certificate once less than half of its validity remains, or at once when the
 * proxy announces a CA rotation ({@link RotationNotice}), proving possession of the host key over
 * a timestamped challenge. The new certificate is stored first and then put in force, so a crash
 * in between leaves the newer one on disk; the user CA keys are refreshed from the same answer.
 */
public final class CertificateRenewal {
  static final String RENEW_PATH = "/api/v1/nodes/renew";
  private static final Logger LOG = Logger.getLogger(CertificateRenewal.class.getName());

  /** Sends a renewal request; the proxy's REST call in production. */
  @FunctionalInterface
  public interface Endpoint {
    JoinResponse renew(RenewRequest request) throws Exception;

    static Endpoint of(ApiClient api) {
      return request -> api.post(RENEW_PATH, request, JoinResponse.class);
    }
  }

  private final CurrentIdentity identity;
  private final IdentityStore store;
  private final Endpoint endpoint;
  private final Clock clock;

  public CertificateRenewal(CurrentIdentity identity, IdentityStore store, Endpoint endpoint, Clock clock) {
    this.identity = identity;
    this.store = store;
    this.endpoint = endpoint;
    this.clock = clock;
  }

  /**
   * Renews if due.
   *
   * @return whether a new certificate is now in force
   */
  public boolean renewIfDue() throws JoinException {
    if (!identity.get().hostCertificate().isHalfSpentAt(clock.instant())) {
      dropEndedCaKeys();
      return false;
    }
    renew();
    return true;
  }

  /**
   * Removes the user CA keys whose grace ended from {@code user_ca.pub}, for an sshd that reads
   * it ({@code --ssh-mode=openssh}) and cannot honour their end itself.
   */
  void dropEndedCaKeys() throws JoinException {
    NodeIdentity current = identity.get();
    List<String> kept = TrustedCaKeys.trustedAt(current.userCas().lines(), clock.instant());
    if (kept.size() == current.userCas().lines().size()) {
      return;
    }
    try {
      NodeIdentity pruned = current.renewed(current.hostCertificate(), UserCaKeys.parse(kept));
      store.saveRenewable(pruned);
      identity.replace(pruned);
    } catch (IOException | GeneralSecurityException e) {
      throw new JoinException("cannot drop the user CA keys whose grace ended: " + e.getMessage(), e);
    }
  }

  /**
   * Renews now: a certificate of the CA's new key, and the user CA keys trusted now.
   */
  public void renew() throws JoinException {
    NodeIdentity current = identity.get();
    Instant now = clock.instant();
    String node = current.node().node();
    JoinResponse response;
    try {
      long timestamp = now.getEpochSecond();
      CertificateProof proof =
          CertificateProof.sign(
              current.hostKey(),
              current.hostCertificate().line(),
              CertificateProof.renewalChallenge(node, timestamp));
      response = endpoint.renew(new RenewRequest(proof, timestamp));
    } catch (Exception e) {
      throw new JoinException("host certificate renewal failed: " + e.getMessage(), e);
    }
    NodeIdentity renewed = renewed(current, response);
    try {
      store.saveRenewable(renewed);
    } catch (IOException e) {
      throw new JoinException("cannot store the renewed host certificate: " + e.getMessage(), e);
    }
    identity.replace(renewed);
    LOG.info(() -> "host certificate renewed, valid until " + renewed.hostCertificate().validBefore()
        + "; " + renewed.userCas().lines().size() + " user CA keys trusted");
  }

  private static NodeIdentity renewed(NodeIdentity current, JoinResponse response) throws JoinException {
    try {
      HostCertificate certificate = Joiner.checkedCertificate(response.hostCertificate(), current.hostKey());
      // an answer without CA keys keeps the current ones rather than locking every user out
      UserCaKeys userCas =
          response.userCaKeys() == null || response.userCaKeys().isEmpty()
              ? current.userCas()
              : UserCaKeys.parse(response.userCaKeys());
      return current.renewed(certificate, userCas);
    } catch (GeneralSecurityException e) {
      throw new JoinException("the proxy's renewal answer is unusable: " + e.getMessage(), e);
    }
  }
}
