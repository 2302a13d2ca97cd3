package dev.outpost.application.sso;

import dev.outpost.domain.shared.SecretToken;
import dev.outpost.domain.sso.OidcConnector;
import dev.outpost.domain.sso.SsoPurpose;
import dev.outpost.domain.sso.SsoRequest;
import dev.outpost.domain.sso.SsoRequestRepository;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;

/**
 * Opens authorization requests (fresh state, nonce and PKCE verifier; redirect URL from the
 * connector's allowlist only) and takes them off the books when the provider sends the user
 * back: a state works once, for {@link SsoRequest#LIFETIME}, for the purpose it was made for.
 */
public final class SignInRequests {

  static final String STALE = "this sign-in link is no longer valid: start again";
  private static final int SECRET_BYTES = 32;
  private static final int MAX_STATE_LENGTH = 128;

  private final SsoRequestRepository requests;
  private final Clock clock;
  private final SecureRandom random;

  public SignInRequests(SsoRequestRepository requests, Clock clock, SecureRandom random) {
    this.requests = requests;
    this.clock = clock;
    this.random = random;
  }

  /**
   * A new request at {@code provider}.
   *
   * @throws SsoRefusal when {@code redirectUri} is not on the connector's allowlist
   */
  SignInStart open(IdentityProvider provider, SsoPurpose purpose, URI redirectUri,
      URI defaultRedirect) {
    OidcConnector connector = provider.connector();
    if (!connector.allowsRedirect(redirectUri, defaultRedirect)) {
      throw new SsoRefusal("redirect URL " + redirectUri + " is not on the allowlist of connector "
          + connector.name(), "redirect URL " + redirectUri + " is not allowed for "
          + connector.display());
    }
    Instant now = clock.instant();
    requests.deleteExpired(now);
    String state = SecretToken.generate(random, SECRET_BYTES);
    String nonce = SecretToken.generate(random, SECRET_BYTES);
    String verifier = SecretToken.generate(random, SECRET_BYTES);
    requests.add(new SsoRequest(SecretToken.hash(state), connector.name(), nonce, verifier,
        redirectUri, purpose, now));
    return new SignInStart(provider.authorizationUrl(state, nonce, verifier, redirectUri), state);
  }

  /**
   * Starts a device authorization grant at {@code provider}; the returned handle names it.
   */
  String openDevice(IdentityProvider provider, DeviceAuthorization device) {
    Instant now = clock.instant();
    requests.deleteExpired(now);
    String handle = SecretToken.generate(random, SECRET_BYTES);
    requests.add(SsoRequest.device(SecretToken.hash(handle), provider.connector().name(),
        device.deviceCode(), device.lifetime(), now));
    return handle;
  }

  /**
   * The device grant request of {@code handle}, still open (the caller marks it used when the
   * user has signed in), locked until the transaction ends.
   *
   * @throws SsoRefusal for an unknown, used or expired handle
   */
  SsoRequest openDeviceRequest(String handle) {
    return live(handle, SsoPurpose.DEVICE, clock.instant());
  }

  /**
   * The request of {@code state}, marked as used.
   *
   * @throws SsoRefusal for an unknown, used (replayed), expired or foreign-purpose state
   */
  public PendingSignIn take(String state, SsoPurpose purpose) {
    Instant now = clock.instant();
    SsoRequest request = live(state, purpose, now);
    request.use(now);
    return new PendingSignIn(request.connector(), request.nonce(), request.codeVerifier(),
        request.redirectUri(), request.purpose());
  }

  private SsoRequest live(String state, SsoPurpose purpose, Instant now) {
    if (state == null || state.isBlank() || state.length() > MAX_STATE_LENGTH) {
      throw new SsoRefusal("no state in the provider's answer", STALE);
    }
    SsoRequest request = requests.findForUpdate(SecretToken.hash(state))
        .orElseThrow(() -> new SsoRefusal("unknown state", STALE));
    if (request.isUsed()) {
      throw new SsoRefusal("state used before (replayed)", STALE);
    }
    if (request.isExpiredAt(now)) {
      throw new SsoRefusal("state expired", STALE);
    }
    if (request.purpose() != purpose) {
      throw new SsoRefusal("state of a " + request.purpose() + " sign-in used for " + purpose,
          STALE);
    }
    return request;
  }
}
