/**
 * Web app sessions: what lets a browser use one app on its own subdomain, bound to the user's
 * console session and to that app.
 */
package dev.outpost.domain.app;
