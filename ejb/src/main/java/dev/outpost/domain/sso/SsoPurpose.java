package dev.outpost.domain.sso;

/** What a sign-in through the identity provider is for; a request completes only for its own. */
public enum SsoPurpose {
  /** A web console session (cookie). */
  CONSOLE,
  /** A CLI login through a browser on the same machine (bearer session and certificates). */
  CLI,
  /** A CLI login on a headless machine: device authorization grant, RFC 8628. */
  DEVICE
}
