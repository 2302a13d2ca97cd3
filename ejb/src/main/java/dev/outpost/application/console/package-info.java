/**
 * The web console's sessions: password (and TOTP) login into a cookie session with a derived CSRF
 * token and an idle expiry, and logout. Plain logic over the domain's repositories; {@link
 * dev.outpost.application.AuthService} is its transactional facade.
 */
package dev.outpost.application.console;
