/**
 * WebSocket endpoints carrying tunnels: {@code /api/v1/tunnel/agent} (one reverse tunnel per
 * node, let in at the admission rate by {@link dev.outpost.web.ws.AgentTunnelAdmissionFilter}) and
 * {@code /api/v1/tunnel/client} (users' SSH connections); and, separate from them and
 * the only one open to browsers, {@code /api/v1/console/terminal} ({@link
 * dev.outpost.web.ws.TerminalEndpoint}, guarded before the upgrade by {@link
 * dev.outpost.web.ws.TerminalUpgradeFilter}, served by Tyrus). The tunnel endpoints, with {@code
 * /api/v1/tunnel/cluster} for leaf clusters, speak RFC 6455 themselves: {@link
 * dev.outpost.web.ws.TunnelUpgradeServlet} answers the opening handshake and {@link
 * dev.outpost.web.ws.ServletFrameTransport} carries frames over the upgraded connection with
 * non-blocking servlet I/O, for the container-free {@code dev.outpost.tunnel} protocol, which does
 * framing, multiplexing and flow control.
 *
 * <pre>
 *  ssh ─ outpost proxy ssh ═══ client tunnel ═══╗            ╔═══ agent tunnel ═══ agent ─ sshd
 *                                               ║   proxy    ║
 *                        ClientTunnelEndpoint ──╨─ SshRelay ─╨── AgentTunnels (node → Tunnel)
 * </pre>
 */
package dev.outpost.web.ws;
