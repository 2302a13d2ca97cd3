package dev.outpost.application.sso;

import java.net.URI;

/**
 * A started sign-in: where to send the user, and the state that comes back with the code (the
 * console also binds it to the browser in a short-lived cookie).
 */
public record SignInStart(URI authorizationUrl, String state) {

  @Override
  public String toString() {
    return "SignInStart[" + authorizationUrl.getHost() + "]";
  }
}
