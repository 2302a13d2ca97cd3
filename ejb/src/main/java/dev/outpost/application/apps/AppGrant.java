package dev.outpost.application.apps;

/**
 * A secret that opens an app session, and who it is for: a launch's single-use code, or the
 * token of the app cookie a redeemed launch sets.
 *
 * @param token the secret (the proxy keeps only its hash)
 * @param caller the user and app session
 */
public record AppGrant(String token, AppCaller caller) {}
