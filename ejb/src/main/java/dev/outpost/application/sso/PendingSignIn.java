package dev.outpost.application.sso;

import dev.outpost.domain.sso.SsoPurpose;
import java.net.URI;

/** An authorization request taken off the books by its state: what its completion needs. */
public record PendingSignIn(String connector, String nonce, String codeVerifier, URI redirectUri,
    SsoPurpose purpose) {

  @Override
  public String toString() {
    return "PendingSignIn[connector=" + connector + ", purpose=" + purpose + "]";
  }
}
