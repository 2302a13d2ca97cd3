/**
 * What the benchmark measures against: its own Payara domain ({@link
 * dev.outpost.bench.setup.BenchCluster}), and a second one as a leaf joined to it ({@link
 * dev.outpost.bench.setup.TrustedLeaf}), the {@link dev.outpost.bench.setup.SshPath}s (the
 * machine's {@code sshd}, the tunnel with a real agent, and root → leaf → node), simulated agents
 * (idle, or kept up by the agent's own supervisor: {@link
 * dev.outpost.bench.setup.ReconnectingAgents}), and the process plumbing they share.
 */
package dev.outpost.bench.setup;
