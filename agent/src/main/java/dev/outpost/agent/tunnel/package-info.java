/**
 * The agent's side of the reverse tunnel: one long-lived, authenticated connection to the proxy,
 * kept up forever by {@link dev.outpost.client.tunnel.TunnelSupervisor}, and the streams the proxy
 * opens through it. {@link dev.outpost.agent.tunnel.SshStreamAcceptor} splices each {@code
 * ssh?login=…&user=…&session=…} stream to the SSH server on loopback.
 */
package dev.outpost.agent.tunnel;
