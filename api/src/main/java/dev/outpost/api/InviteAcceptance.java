package dev.outpost.api;

/** {@code POST /api/v1/invites/{code}}: the password chosen by an invited user. */
public record InviteAcceptance(String password) {}
