/**
 * Join tokens: single-use, expiring secrets an admin hands to an agent (or a kube agent, an app
 * agent, a leaf cluster) so that it can join once. Only the SHA-256 is stored; redeeming one
 * locks its row, so that of two concurrent joins exactly one succeeds.
 */
package dev.outpost.domain.token;
