/**
 * The {@code outpost} command-line client: {@link dev.outpost.cli.Main} and the one failure type
 * every command reports through.
 *
 * <pre>
 *  command ──▶ profile (credentials in ~/.outpost) ──▶ client (REST, TLS trust)
 *     │
 *     └──────▶ ssh (targets, tunnel stream, MINA SSHD client, OpenSSH config) ──▶ tunnel
 * </pre>
 */
package dev.outpost.cli;
