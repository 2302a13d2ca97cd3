/**
 * The web console's server side: the static pages (under {@code src/main/webapp}) and the REST
 * resources they call under {@code /api/v1/console}: log in with a password (and TOTP) into a
 * cookie session, the node list, the user's open terminals. Reading needs the cookie; changing
 * anything needs the cookie and the session's CSRF token. Every response carries a strict
 * Content-Security-Policy. The terminals themselves speak WebSocket, see {@code
 * dev.outpost.web.ws.TerminalEndpoint}.
 */
package dev.outpost.web.console;
