package dev.outpost.api;

/**
 * Answer to {@code POST /api/v1/sso/cli/device/login}: {@code pending} until the user has signed
 * in on the other device, then {@code done} with the login.
 */
public record SsoDevicePoll(String status, LoginResponse login) {

  public static final String PENDING = "pending";
  public static final String DONE = "done";

  public static SsoDevicePoll pending() {
    return new SsoDevicePoll(PENDING, null);
  }

  public static SsoDevicePoll done(LoginResponse login) {
    return new SsoDevicePoll(DONE, login);
  }
}
