/**
 * SSH to nodes through the proxy: validated targets, the client tunnel and its stream, MINA SSHD as
 * the client of {@code outpost ssh} (user certificate, host certificate checked against the
 * cluster's host CA), and the OpenSSH configuration for stock {@code ssh}.
 */
package dev.outpost.cli.ssh;
