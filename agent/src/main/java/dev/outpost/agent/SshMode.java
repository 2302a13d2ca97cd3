package dev.outpost.agent;

/** Which SSH server tunnel streams reach. */
public enum SshMode {
  /** The agent's own certificate-only server on an ephemeral loopback port. */
  BUILTIN,
  /** The node's OpenSSH on 127.0.0.1:22, configured by the operator to trust the user CA. */
  OPENSSH
}
