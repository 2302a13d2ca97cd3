package dev.outpost.api;

/**
 * A sign-in button of the console's login page ({@code GET /api/v1/console/sso}): anyone may see
 * which identity providers the cluster accepts.
 *
 * @param loginPath where the button leads
 */
public record SsoConnectorLink(String name, String display, String loginPath) {}
