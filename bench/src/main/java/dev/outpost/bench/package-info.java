/**
 * The SSH benchmark that {@code bench/ssh-throughput.sh} runs: {@link
 * dev.outpost.bench.SshBenchmark} sets up both paths, compares them ({@link
 * dev.outpost.bench.PathComparison}), reads the agent's memory ({@link
 * dev.outpost.bench.AgentMemory}) and the proxy's heap per idle tunnel ({@link
 * dev.outpost.bench.ProxyFootprint}), and prints Markdown tables for {@code docs/performance.md}.
 * The other scripts each have a main class of their own here, e.g. {@code bench/reconnect-storm.sh}
 * runs {@link dev.outpost.bench.ReconnectStormBenchmark}.
 *
 * <pre>
 *  direct:  ssh ─────────────────────────────────────────────────────────── sshd (127.0.0.1:free)
 *  tunnel:  ssh ─ outpost proxy ssh ══ TLS ══ Payara ══ TLS ══ agent ─ loopback ─ MINA SSHD
 * </pre>
 *
 * {@code bench/trusted-cluster.sh} ({@link dev.outpost.bench.TrustedClusterBenchmark}) puts a
 * second Payara, a leaf cluster, between the proxy and the agent:
 *
 * <pre>
 *  leaf:    ssh ─ outpost proxy ssh ══ TLS ══ leaf Payara ══ TLS ══ agent ─ MINA SSHD
 *  root:    ssh ─ outpost proxy ssh ══ TLS ══ root Payara ══ TLS ══ leaf Payara ══ TLS ══ agent ─ MINA SSHD
 * </pre>
 */
package dev.outpost.bench;
