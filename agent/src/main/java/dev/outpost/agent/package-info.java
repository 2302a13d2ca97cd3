/**
 * The {@code outpost-agent} command: joins an edge device to an Outpost cluster and serves SSH to
 * it through a reverse tunnel, never listening on a public port.
 *
 * <pre>
 *   user ── ssh ──► proxy ══ wss (443/8443, dialled OUT by the agent) ══► agent
 *                                                                          │ stream "ssh?login=…"
 *                                                                          ▼
 *                                       127.0.0.1:ephemeral  built-in SSH server (MINA SSHD)
 *                                       or 127.0.0.1:22      the node's OpenSSH (--ssh-mode=openssh)
 * </pre>
 *
 * <p>{@link dev.outpost.agent.OutpostAgent} parses the command line (picocli) and {@link
 * dev.outpost.agent.Agent} wires the parts: {@code identity} (the data directory), {@code join}
 * (first join, certificate renewal), {@code tunnel} (the connection state machine with backoff,
 * stream acceptance) and {@code ssh} (the built-in server).
 *
 * <p>Memory: an edge device is small, so the launcher script {@code bin/outpost-agent} starts the
 * JVM with small-heap flags (a 48 MiB heap, the Serial collector, C2 without tiers); {@code
 * agent/README.md} lists them with the measurements behind them.
 */
package dev.outpost.agent;
