package dev.outpost.application.apps;

/**
 * A redeemed launch: the token for the app cookie and who it is for.
 *
 * @param token the secret the app cookie carries (the proxy keeps only its hash)
 * @param caller the user and app session
 */
public record AppGrant(String token, AppCaller caller) {}
