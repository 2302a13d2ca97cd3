/**
 * The agent's side of the reverse tunnel: one long-lived, authenticated connection to the proxy,
 * kept up forever, and the streams the proxy opens through it.
 *
 * <pre>
 *                 start()
 *   NEW ──────────────────► CONNECTING ──── dial ok ────► CONNECTED
 *                             ▲     │                        │
 *              backoff elapsed│     │dial failed             │tunnel closed (GOAWAY,
 *                             │     ▼                        │ keep-alive timeout, network)
 *                            BACKOFF ◄───────────────────────┘
 *                 wait: uniform random in [0, min(30 s, 1 s × 2ⁿ)]; n resets after
 *                 a connection that stayed up 30 s
 *
 *   stop(): any state ──► STOPPED (pending retry cancelled, tunnel closed with GOAWAY)
 * </pre>
 *
 * <p>{@link dev.outpost.agent.tunnel.TunnelSupervisor} runs this on a {@link
 * dev.outpost.agent.tunnel.TaskScheduler} with an injected clock and random source, so the whole
 * schedule is unit tested without sleeping. {@link dev.outpost.agent.tunnel.SshStreamAcceptor}
 * splices each {@code ssh?login=…&user=…&session=…} stream to the SSH server on loopback.
 */
package dev.outpost.agent.tunnel;
