/**
 * Administration: join tokens, users with one-time invites, and the bootstrap admin created when
 * the database has no user yet. Every operation requires role {@code admin} and is audited.
 */
package dev.outpost.application.admin;
