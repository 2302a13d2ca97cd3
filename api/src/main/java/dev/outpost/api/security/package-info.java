/**
 * MINA SSHD on the JDK's own cryptography providers, Ed25519 included, for the agent and the CLI:
 * an edge device's daemon, and a ProxyCommand started for every {@code ssh}, should not load
 * Bouncy Castle's provider (about 840 classes and its service tables) for one signature
 * algorithm. The proxy keeps Bouncy Castle, which its X.509 CA needs anyway.
 */
package dev.outpost.api.security;
