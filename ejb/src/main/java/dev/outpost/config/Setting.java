package dev.outpost.config;

import java.util.Locale;

/** The proxy's settings, each named by a system property with an environment variable twin. */
public enum Setting {
  CLUSTER_NAME("outpost.cluster.name"),
  PUBLIC_ADDR("outpost.public.addr"),
  APPS_DOMAIN("outpost.apps.domain"),
  APPS_REQUEST_AUDIT_RATE("outpost.apps.request.audit.rate"),
  BOOTSTRAP_ADMIN_PASSWORD("outpost.bootstrap.admin.password"),
  BOOTSTRAP_ADMIN_LOGINS("outpost.bootstrap.admin.logins"),
  DATA_DIR("outpost.data.dir"),
  CA_PASSPHRASE("outpost.ca.passphrase"),
  TLS_KEYSTORE_PASSWORD("outpost.tls.keystore.password"),
  PROXY_INSTANCE("outpost.proxy.instance"),
  TUNNEL_PING_INTERVAL("outpost.tunnel.ping.interval"),
  TUNNEL_IDLE_TIMEOUT("outpost.tunnel.idle.timeout"),
  TUNNEL_RESUME_GRACE("outpost.tunnel.resume.grace"),
  TUNNEL_ADMISSION_RATE("outpost.tunnel.admission.rate"),
  TUNNEL_ADMISSION_BURST("outpost.tunnel.admission.burst"),
  NODE_STALE_AFTER("outpost.node.stale-after"),
  AUTH_REQUIRE_MFA("outpost.auth.require-mfa"),
  AUDIT_RETENTION("outpost.audit.retention"),
  RECORDING_RETENTION("outpost.recording.retention");

  private final String property;

  Setting(String property) {
    this.property = property;
  }

  /** The system property, e.g. {@code outpost.cluster.name}. */
  public String property() {
    return property;
  }

  /** The environment variable, e.g. {@code OUTPOST_CLUSTER_NAME}, {@code OUTPOST_AUTH_REQUIRE_MFA}. */
  public String environmentVariable() {
    return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
