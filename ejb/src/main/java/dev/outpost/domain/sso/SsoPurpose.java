package dev.outpost.domain.sso;

/** What a sign-in through the identity provider is for; a request completes only for its own. */
public enum SsoPurpose {
  /** A web console session (cookie). */
  CONSOLE,
  /** A CLI login (bearer session and certificates). */
  CLI
}
