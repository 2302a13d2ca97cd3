package dev.outpost.client.tls;

import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * TLS trust in a pinned CA, for the first contact with a proxy whose CA is not yet stored. After a
 * successful handshake, {@link #matchedCa()} is the CA certificate the server presented, which the
 * caller stores and trusts from then on with {@link TlsContexts#trusting}.
 */
public final class PinnedTrust {

  private final CaPin pin;
  private final PinnedTrustManager trustManager;
  private final SSLContext context;

  PinnedTrust(CaPin pin) {
    this.pin = pin;
    this.trustManager = new PinnedTrustManager(pin);
    this.context = TlsContexts.withTrustManager(trustManager);
  }

  public CaPin pin() {
    return pin;
  }

  public SSLContext context() {
    return context;
  }

  /** The pinned CA as the server presented it; empty until a handshake has succeeded. */
  public Optional<X509Certificate> matchedCa() {
    return Optional.ofNullable(trustManager.matchedCa());
  }
}
