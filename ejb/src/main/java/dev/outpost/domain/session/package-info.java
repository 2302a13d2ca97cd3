/**
 * Web sessions: the bearer token a login returns for the REST API, stored only as its SHA-256 and
 * expiring with the certificates issued at the same login.
 */
package dev.outpost.domain.session;
