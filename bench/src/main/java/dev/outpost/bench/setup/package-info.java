/**
 * What the benchmark measures against: its own Payara domain ({@link
 * dev.outpost.bench.setup.BenchCluster}), the two {@link dev.outpost.bench.setup.SshPath}s (the
 * machine's {@code sshd}, and the tunnel with a real agent), simulated agents (idle, or kept up by
 * the agent's own supervisor: {@link dev.outpost.bench.setup.ReconnectingAgents}), and the process
 * plumbing they share.
 */
package dev.outpost.bench.setup;
