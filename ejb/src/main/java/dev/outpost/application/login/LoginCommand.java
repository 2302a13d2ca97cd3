package dev.outpost.application.login;

import dev.outpost.api.LoginRequest;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.UserName;

/** A checked password login request. */
public record LoginCommand(UserName user, String password, String totp, ClientKeys keys) {

  /** Longer passwords are refused before hashing, which costs the proxy CPU. */
  static final int MAX_PASSWORD_LENGTH = 1024;

  public static LoginCommand from(LoginRequest request) {
    if (request == null || request.user() == null || request.password() == null) {
      throw OutpostException.badRequest("user and password are required");
    }
    if (request.password().length() > MAX_PASSWORD_LENGTH || (request.totp() != null
        && request.totp().length() > 16)) {
      throw OutpostException.badRequest("password or one-time code is too long");
    }
    ClientKeys keys = ClientKeys.parse(request.sshPublicKey(), request.tlsPublicKey(),
        request.ttl());
    try {
      return new LoginCommand(new UserName(request.user()), request.password(), request.totp(),
          keys);
    } catch (IllegalArgumentException e) {
      throw OutpostException.badRequest(e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "LoginCommand[user=" + user + ", ttl=" + keys.ttl() + "]";
  }
}
