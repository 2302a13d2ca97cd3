package dev.outpost.api;

/**
 * Answer to {@code POST /api/v1/sso/cli/start}.
 *
 * @param authorizationUrl where the user signs in (the CLI prints it)
 * @param state what the provider's redirect to the loopback listener must carry
 */
public record SsoCliStarted(String authorizationUrl, String state) {}
