/**
 * The tunnel over WebSocket, both ends, RFC 6455 of our own and free of any container. The agent,
 * the CLI and a leaf proxy dial with {@link dev.outpost.tunnel.ws.WebSocketDialer#dial}: a {@link
 * dev.outpost.tunnel.ws.ClientSocket} (TCP, TLS with host name verification), the opening handshake
 * ({@code ClientUpgrade}), then a {@link dev.outpost.tunnel.ws.WebSocketTransport} that writes
 * masked frames ({@code MaskedFrameWriter}) and reads the proxy's on a thread of its own. The proxy
 * serves tunnels with the same pieces reversed: {@link dev.outpost.tunnel.ws.WebSocketHandshake}
 * checks the opening handshake, {@link dev.outpost.tunnel.ws.ServerFrameReader} reads, unmasks and
 * joins the client's frames (and, with the rules reversed, the dialer's reader the server's),
 * {@link dev.outpost.tunnel.ws.WebSocketFrames} lays out the server's; the servlet glue lives with
 * the proxy.
 */
package dev.outpost.tunnel.ws;
