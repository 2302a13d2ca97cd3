/**
 * The built-in SSH server: MINA SSHD on an ephemeral loopback port, certificate-only.
 *
 * <pre>
 *   tunnel stream ─► 127.0.0.1:port ─► MINA SshServer
 *     host key + host certificate ........ HostIdentityProvider (current identity)
 *     publickey auth only ................ UserCertificateAuthenticator (user CA, type, validity,
 *                                          principal = login, no critical options)
 *     "session" channels only ............ SessionChannel (env allowlist, pty flag, exit-signal)
 *       shell / exec ..................... SessionCommands ─► ProcessCommand ─► LoginLauncher
 *       subsystem sftp ................... SftpSubsystem (sftp-server as the login, or MINA's)
 *     forwarding (agent, X11, TCP) ....... rejected
 * </pre>
 *
 * <p>Sessions run as the requested login: directly when that is the agent's own user, through
 * {@code runuser -u LOGIN --} when the agent is root, refused otherwise. Shells get a real
 * pseudo-terminal (pty4j) when the client asks for one; commands, scp and sftp-server run on pipes.
 */
package dev.outpost.agent.ssh;
