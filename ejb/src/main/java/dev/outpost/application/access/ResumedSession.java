package dev.outpost.application.access;

/**
 * A session a user may carry on through this proxy after the one that started it went away:
 * the login and node its {@code session.start} names.
 */
public record ResumedSession(String login, String node) {}
