/**
 * Logging in with a password (and TOTP when enrolled or required) for a bearer session and
 * short-lived certificates, enrolling a TOTP secret by password, authenticating bearer tokens,
 * logging out. Plain logic over the domain's
 * repositories; {@link dev.outpost.application.AuthService} is its transactional facade.
 */
package dev.outpost.application.login;
