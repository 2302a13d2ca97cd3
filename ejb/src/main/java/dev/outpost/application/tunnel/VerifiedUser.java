package dev.outpost.application.tunnel;

import dev.outpost.domain.user.UserIdentity;

/**
 * A user who proved a user certificate in a tunnel handshake.
 *
 * @param identity who the user is now, with the roles in force
 * @param certificate the certificate proved, authorized_keys format: what a session into a leaf
 *     cluster carries there, so that the leaf decides on the root's own signature
 */
public record VerifiedUser(UserIdentity identity, String certificate) {}
