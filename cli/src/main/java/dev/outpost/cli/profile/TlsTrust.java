package dev.outpost.cli.profile;

/** How commands after login trust the proxy's TLS certificate. */
public enum TlsTrust {
  /** The cluster CA stored at login: after a login with {@code --ca-pin} or {@code --insecure}. */
  CLUSTER_CA,
  /** The JDK's trust store: after a login that the system trust store already accepted. */
  SYSTEM
}
