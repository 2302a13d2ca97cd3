/**
 * Local users: the {@link dev.outpost.domain.user.User} account with its roles, OS logins,
 * password hash, optional TOTP secret and lockout state; one-time {@link
 * dev.outpost.domain.user.Invite}s to set a password; and the {@link
 * dev.outpost.domain.user.UserIdentity} that an authenticated request carries.
 */
package dev.outpost.domain.user;
