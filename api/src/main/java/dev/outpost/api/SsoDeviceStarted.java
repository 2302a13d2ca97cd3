package dev.outpost.api;

import java.time.Instant;

/**
 * Answer to {@code POST /api/v1/sso/cli/device/start} (RFC 8628): what the user needs to sign in
 * on another device, and the handle the CLI polls with.
 *
 * @param verificationUriComplete the verification URL with the user code in it, when the
 *     provider offers one
 * @param intervalSeconds how long to wait between polls
 */
public record SsoDeviceStarted(String handle, String userCode, String verificationUri,
    String verificationUriComplete, long intervalSeconds, Instant expires) {

  @Override
  public String toString() {
    return "SsoDeviceStarted[user code " + userCode + "]";
  }
}
