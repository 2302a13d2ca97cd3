/**
 * Wire types of the Outpost REST API, shared by the proxy, the agent and the CLI.
 *
 * <p>Plain immutable records with no container or JSON-library annotations: the proxy binds them
 * with JSON-B, the agent and CLI with Jackson, both configured for {@code snake_case} names.
 * {@link dev.outpost.api.CertificateProof} is the proof of possession an agent or a user presents
 * instead of a bearer secret; {@link dev.outpost.api.SshCertificates} holds the checks every
 * verifier of an OpenSSH certificate makes, so that the proxy, the agent's SSH server and the CLI
 * apply the same rules.
 */
package dev.outpost.api;
