package dev.outpost.api;

/**
 * {@code POST /api/v1/sso/cli/start}: a CLI asks to sign in through a connector and return to its
 * loopback listener.
 *
 * @param redirectUri {@code http://127.0.0.1:PORT/callback}; must be on the connector's allowlist
 */
public record SsoCliStart(String connector, String redirectUri) {}
