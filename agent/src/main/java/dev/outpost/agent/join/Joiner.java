package dev.outpost.agent.join;

import dev.outpost.agent.identity.HostCertificate;
import dev.outpost.agent.identity.HostKeys;
import dev.outpost.agent.identity.IdentityStore;
import dev.outpost.agent.identity.NodeIdentity;
import dev.outpost.agent.identity.NodeProperties;
import dev.outpost.agent.identity.UserCaKeys;
import dev.outpost.api.JoinRequest;
import dev.outpost.api.JoinResponse;
import dev.outpost.client.http.ApiClient;
import dev.outpost.client.http.ApiException;
import dev.outpost.client.http.ProxyAddress;
import dev.outpost.client.tls.CaPin;
import dev.outpost.client.tls.TlsContexts;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.apache.sshd.common.config.keys.KeyUtils;

/**
 * The first start: generates the host key, trades the join token for a host certificate and
 * stores the identity. The proxy is trusted through the pinned CA when a pin is given (the usual
 * case, a self-signed cluster CA), else through the system's trust store.
 */
public final class Joiner {
  static final String JOIN_PATH = "/api/v1/join";

  private final ProxyAddress proxy;
  private final IdentityStore store;

  public Joiner(ProxyAddress proxy, IdentityStore store) {
    this.proxy = proxy;
    this.store = store;
  }

  public NodeIdentity join(JoinParameters parameters) throws JoinException, IOException {
    KeyPair hostKey;
    try {
      hostKey = HostKeys.generate();
    } catch (GeneralSecurityException e) {
      throw new JoinException("cannot generate an Ed25519 host key: " + e.getMessage(), e);
    }
    SSLContext tls =
        parameters.caPin().map(pin -> TlsContexts.pinned(pin).context()).orElseGet(TlsContexts::systemDefault);
    JoinRequest request =
        new JoinRequest(parameters.token(), parameters.name(), parameters.labels(), HostKeys.publicKeyLine(hostKey));
    JoinResponse response;
    try {
      response = new ApiClient(proxy, tls).post(JOIN_PATH, request, JoinResponse.class);
    } catch (ApiException e) {
      throw new JoinException("join refused: " + e.getMessage(), e);
    }
    NodeIdentity identity = identity(hostKey, response, parameters);
    try {
      store.save(identity);
    } catch (GeneralSecurityException e) {
      throw new JoinException("cannot store the host key: " + e.getMessage(), e);
    }
    return identity;
  }

  private NodeIdentity identity(KeyPair hostKey, JoinResponse response, JoinParameters parameters)
      throws JoinException {
    try {
      HostCertificate certificate = checkedCertificate(response.hostCertificate(), hostKey);
      X509Certificate clusterCa = IdentityStore.parseClusterCa(response.tlsCaPem());
      if (parameters.caPin().isPresent() && !CaPin.parse(parameters.caPin().get()).matches(clusterCa)) {
        throw new JoinException("join refused: the proxy's cluster CA does not match --ca-pin");
      }
      return new NodeIdentity(
          new NodeProperties(response.cluster(), response.node(), proxy.toString()),
          hostKey,
          certificate,
          UserCaKeys.parse(response.userCaKeys() == null ? List.of() : response.userCaKeys()),
          clusterCa);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new JoinException("the proxy's join answer is unusable: " + e.getMessage(), e);
    }
  }

  /** Parses a host certificate and checks that it certifies {@code hostKey}, not another key. */
  static HostCertificate checkedCertificate(String line, KeyPair hostKey) throws GeneralSecurityException {
    HostCertificate certificate = HostCertificate.parse(line);
    if (!KeyUtils.compareKeys(certificate.certificate().getCertPubKey(), hostKey.getPublic())) {
      throw new GeneralSecurityException("the host certificate is for another key");
    }
    return certificate;
  }
}
