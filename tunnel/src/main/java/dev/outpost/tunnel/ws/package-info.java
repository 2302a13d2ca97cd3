/**
 * The tunnel over WebSocket, both ends. The agent and the CLI dial with the JDK's own client
 * ({@code java.net.http}): {@link dev.outpost.tunnel.ws.WebSocketDialer#dial} connects to the
 * proxy's {@code wss://} endpoint and returns an established tunnel over a {@link
 * dev.outpost.tunnel.ws.WebSocketTransport}. The proxy serves tunnels with RFC 6455 of its own,
 * free of any container: {@link dev.outpost.tunnel.ws.WebSocketHandshake} checks the opening
 * handshake, {@link dev.outpost.tunnel.ws.ServerFrameReader} reads, unmasks and joins the client's
 * frames, {@link dev.outpost.tunnel.ws.WebSocketFrames} lays out the server's; the servlet glue
 * lives with the proxy.
 */
package dev.outpost.tunnel.ws;
