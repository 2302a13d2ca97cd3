/**
 * Browser terminals: the typed JSON message protocol ({@link
 * dev.outpost.web.terminal.TerminalProtocol}), the proxy's SSH client of nodes over tunnel streams
 * ({@link dev.outpost.web.terminal.NodeShellClient}) and the registry of open terminals with their
 * audit ({@link dev.outpost.web.terminal.TerminalSessions}). No WebSocket code here: the endpoint in
 * {@code dev.outpost.web.ws} adapts a socket to {@link dev.outpost.web.terminal.BrowserSide}.
 *
 * <pre>
 *  browser ══ wss /api/v1/console/terminal ══ TerminalEndpoint ── Terminal ── NodeShell (MINA client)
 *                                                                  │
 *             LoopbackBridge (127.0.0.1, one connection) ══ stream on the node's agent tunnel ══ node sshd
 * </pre>
 */
package dev.outpost.web.terminal;
