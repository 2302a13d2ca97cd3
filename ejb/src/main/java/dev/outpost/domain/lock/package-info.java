/**
 * Locks: an admin's emergency brake on a user or a node. The access decision refuses sessions a
 * lock covers, and the proxy ends live ones within seconds.
 */
package dev.outpost.domain.lock;
