/**
 * The tunnel over the JDK's own WebSocket client ({@code java.net.http}), used by the agent and the
 * CLI: {@link dev.outpost.tunnel.ws.WebSocketDialer#dial} connects to the proxy's {@code wss://}
 * endpoint and returns an established tunnel; {@link dev.outpost.tunnel.ws.WebSocketTransport} is
 * the frame transport beneath it. The proxy's side (Tyrus) lives with the proxy.
 */
package dev.outpost.tunnel.ws;
