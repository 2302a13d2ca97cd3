/**
 * The dialing side of a tunnel: proving an OpenSSH certificate's key in the handshake, and keeping
 * one long-lived tunnel up forever. Agents use it towards their proxy, a leaf cluster's proxy
 * towards its root.
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
 * <p>{@link dev.outpost.client.tunnel.TunnelSupervisor} runs this on a {@link
 * dev.outpost.client.tunnel.TaskScheduler} with an injected clock and random source, so the whole
 * schedule is unit tested without sleeping.
 */
package dev.outpost.client.tunnel;
