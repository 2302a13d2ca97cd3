/**
 * Single sign-on end to end: a real Keycloak started once per run ({@link
 * dev.outpost.it.sso.KeycloakServer}), the console in headless Chromium, the CLI's loopback
 * sign-in, and HTTP-level refusals.
 */
package dev.outpost.it.sso;
