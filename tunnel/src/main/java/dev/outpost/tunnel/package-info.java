/**
 * The Outpost tunnel: one authenticated, multiplexed, flow-controlled connection between the proxy
 * and an agent or a client, carried over any {@link dev.outpost.tunnel.FrameTransport} (a WebSocket
 * over TLS in production, in-memory pipes in tests). Plain Java, no container.
 *
 * <pre>
 *  agent / CLI: dialing side                              proxy: accepting side
 *  TunnelConnection.dial                                  TunnelConnection.accept
 *
 *   handshake     &lt;-- HELLO (version, limits, 32-byte nonce)
 *                 --&gt; HELLO, AUTH (proof over the nonce)      Verifier
 *                 &lt;-- AUTH_OK (identity)  |  GOAWAY (reason)
 *
 *   +--------------------------+     one frame per binary     +--------------------------+
 *   | Outbox (one writer)  ====|====== WebSocket message ====&gt;|==== reader thread        |
 *   | reader thread        &lt;===|==============================|=== Outbox (one writer)   |
 *   |                          |                              |  (decodes, checks and    |
 *   | stream 1  (dialer: odd)  |  OPEN "ssh:..."  --&gt;         |   enqueues; never waits) |
 *   |                          |            &lt;--  OPEN_OK      | stream 1                 |
 *   |   output --- DATA (never more than credit) ---------&gt;   |   input buffer           |
 *   |   credit &lt;-- WINDOW (half a window, at most 128 KiB)    |   (at most one window)   |
 *   |   CLOSE = half-close; RESET = abort one stream          |                          |
 *   | stream 2  (acceptor: even), stream 3, ...               | handlers on the executor |
 *   +--------------------------+                              +--------------------------+
 *
 *   resuming      both HELLOs RESUMABLE: --&gt; RESUME (session, received/credited per stream)
 *                 &lt;-- RESUME (session in force, own points); both replay what the peer missed
 *   liveness      PING / PONG every ping interval; idle timeout of silence ends the tunnel
 *                 (a resumable one's streams wait for the next connection: StreamSession)
 *   ending        GOAWAY (code, reason), then the transport closes
 *   frame         type u8 | flags u8 | stream id u32 | payload length u32 | payload
 * </pre>
 *
 * <p>Callers use {@link dev.outpost.tunnel.Tunnel} and {@link dev.outpost.tunnel.TunnelStream};
 * {@link dev.outpost.tunnel.TunnelConnection} makes them, {@link dev.outpost.tunnel.TunnelSettings}
 * tunes them, and {@link dev.outpost.tunnel.Splice} joins a stream to a socket, to standard input
 * and output, or to another stream.
 */
package dev.outpost.tunnel;
