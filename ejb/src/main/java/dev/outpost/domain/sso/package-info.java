/**
 * Single sign-on through OpenID Connect: connectors ({@code kind: oidc} resources with the
 * claims-to-roles mapping and traits), and the authorization requests on their way through the
 * identity provider. The protocol itself (discovery, token exchange, ID token checks) lives in
 * {@code dev.outpost.application.sso}.
 */
package dev.outpost.domain.sso;
