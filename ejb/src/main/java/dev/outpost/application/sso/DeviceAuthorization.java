package dev.outpost.application.sso;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The provider's answer to a device authorization request (RFC 8628, 3.2): the device code stays
 * on the proxy, the rest goes to the user.
 */
public record DeviceAuthorization(String deviceCode, String userCode, URI verificationUri,
    Optional<URI> verificationUriComplete, Duration interval, Duration lifetime) {

  @Override
  public String toString() {
    return "DeviceAuthorization[user code " + userCode + "]";
  }
}
