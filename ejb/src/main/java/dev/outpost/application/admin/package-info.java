/**
 * Administration: join tokens, users with one-time invites (listed and removed), roles, locks
 * (created, listed and lifted), and the bootstrap admin created when the database has no user
 * yet. Every operation requires role {@code admin} and is audited.
 */
package dev.outpost.application.admin;
