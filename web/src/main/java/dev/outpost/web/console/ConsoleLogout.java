package dev.outpost.web.console;

/**
 * The answer to a console logout: the Outpost session is over; a user who signed in through an
 * identity provider is offered the provider's logout too.
 *
 * @param ssoLogoutUrl the provider's end-session URL, or null
 */
public record ConsoleLogout(String ssoLogoutUrl) {}
