/**
 * The node's identity on disk and in memory.
 *
 * <p>The data directory holds what joining produced (wire-contracts.md, "Agent data directory"):
 * {@code host_key} (OpenSSH private key, 0600), {@code host_key-cert.pub}, {@code user_ca.pub},
 * {@code cluster_ca.pem} and {@code node.properties}. {@link dev.outpost.agent.identity.IdentityStore}
 * reads and writes them, every file replaced atomically so that a crash never leaves half a key;
 * {@link dev.outpost.agent.identity.CurrentIdentity} is the one in-memory copy that the tunnel, the
 * SSH server and renewal share, swapped whole when the host certificate is renewed.
 */
package dev.outpost.agent.identity;
