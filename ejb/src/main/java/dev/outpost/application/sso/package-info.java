/**
 * Single sign-on with OpenID Connect, as plain logic over the domain's repositories:
 * connector administration, the authorization code flow with PKCE against a discovered provider
 * ({@link dev.outpost.application.sso.OidcProvider}, Nimbus OAuth 2.0 SDK), the ID token checks
 * ({@link dev.outpost.application.sso.IdTokenCheck}), states that work once
 * ({@link dev.outpost.application.sso.SignInRequests}) and the mapping of claims to an Outpost
 * user with roles ({@link dev.outpost.application.sso.SsoAccounts}).
 * {@link dev.outpost.application.SsoService} is the facade.
 */
package dev.outpost.application.sso;
