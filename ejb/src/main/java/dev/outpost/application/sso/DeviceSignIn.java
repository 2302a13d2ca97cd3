package dev.outpost.application.sso;

/** A started device sign-in: the handle the CLI polls with, and what the user needs. */
public record DeviceSignIn(String handle, DeviceAuthorization device) {

  @Override
  public String toString() {
    return "DeviceSignIn[" + device + "]";
  }
}
