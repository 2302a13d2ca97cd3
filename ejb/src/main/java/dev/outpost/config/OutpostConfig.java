package dev.outpost.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The proxy's settings, read once at startup. Each comes from its system property, else its
 * environment variable, else the default (see {@link Setting}).
 */
public final class OutpostConfig {
  private static final Duration DEFAULT_NODE_STALE_AFTER = Duration.ofDays(7);
  /** A year: long enough for a yearly audit, short enough that the data directory stays bounded. */
  private static final Duration DEFAULT_RETENTION = Duration.ofDays(365);

  private static final Pattern DNS_NAME =
      Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

  private final String clusterName;
  private final String publicAddr;
  private final Optional<String> bootstrapAdminPassword;
  private final List<String> bootstrapAdminLogins;
  private final Path dataDir;
  private final Optional<String> caPassphrase;
  private final String tlsKeystorePassword;
  private final String proxyInstance;
  private final TunnelTimings tunnelTimings;
  private final TunnelAdmission tunnelAdmission;
  private final Duration nodeStaleAfter;
  private final boolean requireMfa;
  private final Optional<String> appsDomain;
  private final double appRequestAuditRate;
  private final Retention retention;

  private OutpostConfig(Function<Setting, String> source) {
    String hostname = localHostname();
    clusterName = clusterName(source.apply(Setting.CLUSTER_NAME), hostname);
    publicAddr = orDefault(source.apply(Setting.PUBLIC_ADDR), "localhost:8443");
    bootstrapAdminPassword =
        Optional.ofNullable(blankToNull(source.apply(Setting.BOOTSTRAP_ADMIN_PASSWORD)));
    bootstrapAdminLogins = Arrays.stream(
            orDefault(source.apply(Setting.BOOTSTRAP_ADMIN_LOGINS), "root").split(","))
        .map(String::trim)
        .filter(login -> !login.isEmpty())
        .toList();
    dataDir = Path.of(orDefault(source.apply(Setting.DATA_DIR), "./outpost-data"))
        .toAbsolutePath()
        .normalize();
    caPassphrase = Optional.ofNullable(blankToNull(source.apply(Setting.CA_PASSPHRASE)));
    tlsKeystorePassword =
        orDefault(source.apply(Setting.TLS_KEYSTORE_PASSWORD), "changeit");
    proxyInstance = orDefault(source.apply(Setting.PROXY_INSTANCE), hostname);
    tunnelTimings = new TunnelTimings(
        duration(source, Setting.TUNNEL_PING_INTERVAL),
        duration(source, Setting.TUNNEL_IDLE_TIMEOUT),
        duration(source, Setting.TUNNEL_RESUME_GRACE));
    tunnelAdmission = new TunnelAdmission(
        positiveNumber(source, Setting.TUNNEL_ADMISSION_RATE),
        positiveNumber(source, Setting.TUNNEL_ADMISSION_BURST)
            .map(burst -> wholeNumber(Setting.TUNNEL_ADMISSION_BURST, burst)));
    nodeStaleAfter = duration(source, Setting.NODE_STALE_AFTER).orElse(DEFAULT_NODE_STALE_AFTER);
    requireMfa = flag(Setting.AUTH_REQUIRE_MFA, source.apply(Setting.AUTH_REQUIRE_MFA));
    appsDomain = appsDomain(source.apply(Setting.APPS_DOMAIN), publicHost());
    appRequestAuditRate = rate(source, Setting.APPS_REQUEST_AUDIT_RATE);
    retention = new Retention(
        duration(source, Setting.AUDIT_RETENTION).orElse(DEFAULT_RETENTION),
        duration(source, Setting.RECORDING_RETENTION).orElse(DEFAULT_RETENTION));
  }

  /** Reads the JVM's system properties and the process environment. */
  public static OutpostConfig fromEnvironment() {
    return from(System::getProperty, System::getenv);
  }

  /**
   * Reads settings from the given sources.
   *
   * @param properties looks up a system property by name
   * @param environment looks up an environment variable by name
   */
  public static OutpostConfig from(
      UnaryOperator<String> properties, UnaryOperator<String> environment) {
    return new OutpostConfig(setting -> {
      String value = blankToNull(properties.apply(setting.property()));
      return value != null ? value : environment.apply(setting.environmentVariable());
    });
  }

  public String clusterName() {
    return clusterName;
  }

  /** The single public {@code host:port} of the proxy. */
  public String publicAddr() {
    return publicAddr;
  }

  /** The host part of {@link #publicAddr()}, without brackets for IPv6 literals. */
  public String publicHost() {
    if (publicAddr.startsWith("[")) {
      int end = publicAddr.indexOf(']');
      return end > 0 ? publicAddr.substring(1, end) : publicAddr;
    }
    int colon = publicAddr.lastIndexOf(':');
    return colon > 0 && publicAddr.indexOf(':') == colon
        ? publicAddr.substring(0, colon)
        : publicAddr;
  }

  /**
   * The domain under which web apps are served, one subdomain each ({@code grafana.DOMAIN}), on
   * the public port; the console at {@code DOMAIN} itself is where app users log in. Defaults to
   * the public host when that is a DNS name; empty (no apps served) when it is an IP address and
   * no domain is set.
   */
  public Optional<String> appsDomain() {
    return appsDomain;
  }

  /** The share of app requests audited as {@code app.request}: 0 (none) to 1 (all, default). */
  public double appRequestAuditRate() {
    return appRequestAuditRate;
  }

  public Optional<String> bootstrapAdminPassword() {
    return bootstrapAdminPassword;
  }

  public List<String> bootstrapAdminLogins() {
    return bootstrapAdminLogins;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Where the CA private keys live, encrypted. */
  public Path caDirectory() {
    return dataDir.resolve("ca");
  }

  /** An owner-only file of generated secrets, such as {@code ca-passphrase}. */
  public Path secretFile(String name) {
    return dataDir.resolve("secrets").resolve(name);
  }

  /**
   * This instance's journal of audit events the database could not take; one file per instance,
   * since instances may share the data directory.
   */
  public Path auditJournal() {
    return dataDir.resolve("audit-journal").resolve(instanceFileName());
  }

  /**
   * This instance's journaled audit events the database refused for good, kept for an operator
   * beside the journal (never deleted by the proxy).
   */
  public Path auditQuarantine() {
    return dataDir.resolve("audit-journal").resolve("quarantine").resolve(instanceFileName());
  }

  private String instanceFileName() {
    return proxyInstance.replaceAll("[^A-Za-z0-9._-]", "_") + ".jsonl";
  }

  /** The PKCS12 keystore of the proxy's TLS server certificate. */
  public Path tlsKeystore() {
    return dataDir.resolve("tls").resolve("proxy.p12");
  }

  /** The CA passphrase when supplied; otherwise the proxy generates one into a secret file. */
  public Optional<String> caPassphrase() {
    return caPassphrase;
  }

  public String tlsKeystorePassword() {
    return tlsKeystorePassword;
  }

  /** Name of this proxy process, recorded on the nodes whose tunnels it holds. */
  public String proxyInstance() {
    return proxyInstance;
  }

  /** How long an offline node stays listed as offline before it is listed as stale. */
  public Duration nodeStaleAfter() {
    return nodeStaleAfter;
  }

  /** How long audit events and recordings are kept. */
  public Retention retention() {
    return retention;
  }

  /**
   * How long the proxy keeps what it audited, each 365 days unless configured.
   *
   * @param auditEvents audit events older than this are deleted
   * @param recordings recordings started longer ago than this are deleted
   */
  public record Retention(Duration auditEvents, Duration recordings) {}

  /** Tunnel keep-alive and resume timings; those not set keep the tunnel library's defaults. */
  public TunnelTimings tunnelTimings() {
    return tunnelTimings;
  }

  /** How fast agent tunnels are let in; those not set keep the tunnel library's defaults. */
  public TunnelAdmission tunnelAdmission() {
    return tunnelAdmission;
  }

  /**
   * The agent tunnel admission rate as configured.
   *
   * @param perSecond connects let in per second, sustained
   * @param burst connects let in at once after a quiet spell
   */
  public record TunnelAdmission(Optional<Double> perSecond, Optional<Integer> burst) {}

  private static Optional<Double> positiveNumber(Function<Setting, String> source, Setting setting) {
    String value = blankToNull(source.apply(setting));
    if (value == null) {
      return Optional.empty();
    }
    double parsed;
    try {
      parsed = Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      parsed = Double.NaN;
    }
    if (!(parsed > 0) || Double.isInfinite(parsed)) {
      throw new IllegalStateException(setting.property() + " (" + setting.environmentVariable()
          + ") must be a positive number, not '" + value + "'");
    }
    return Optional.of(parsed);
  }

  private static int wholeNumber(Setting setting, double value) {
    if (value != Math.rint(value) || value > Integer.MAX_VALUE) {
      throw new IllegalStateException(setting.property() + " (" + setting.environmentVariable()
          + ") must be a whole number, not " + value);
    }
    return (int) value;
  }

  /**
   * Tunnel timings as configured.
   *
   * @param pingInterval how often the proxy pings each tunnel
   * @param idleTimeout silence after which a tunnel counts as lost
   * @param resumeGrace how long the sessions of a lost agent tunnel wait for it to come back
   */
  public record TunnelTimings(
      Optional<Duration> pingInterval, Optional<Duration> idleTimeout,
      Optional<Duration> resumeGrace) {}

  private static Optional<Duration> duration(Function<Setting, String> source, Setting setting) {
    String value = blankToNull(source.apply(setting));
    if (value == null) {
      return Optional.empty();
    }
    try {
      Duration parsed = Duration.parse(value);
      if (parsed.isNegative() || parsed.isZero()) {
        throw new IllegalStateException(setting.property() + " must be positive, got " + value);
      }
      return Optional.of(parsed);
    } catch (DateTimeParseException e) {
      throw new IllegalStateException(
          setting.property() + " '" + value + "' is not an ISO-8601 duration such as PT45S");
    }
  }

  /** Whether every local user needs a TOTP second factor, whatever their roles say. */
  public boolean requireMfa() {
    return requireMfa;
  }

  private static boolean flag(Setting setting, String value) {
    String text = orDefault(value, "false").toLowerCase(Locale.ROOT);
    if (!text.equals("true") && !text.equals("false")) {
      throw new IllegalStateException(setting.property() + " (" + setting.environmentVariable()
          + ") must be true or false, not '" + value + "'");
    }
    return Boolean.parseBoolean(text);
  }

  private static Optional<String> appsDomain(String configured, String publicHost) {
    if (configured == null) {
      String host = publicHost.toLowerCase(Locale.ROOT);
      return isDnsName(host) && !host.matches("[0-9.]+") ? Optional.of(host) : Optional.empty();
    }
    String domain = configured.trim().toLowerCase(Locale.ROOT);
    if (!isDnsName(domain)) {
      throw new IllegalStateException("apps domain '" + configured + "' is not a DNS name");
    }
    return Optional.of(domain);
  }

  private static double rate(Function<Setting, String> source, Setting setting) {
    String value = blankToNull(source.apply(setting));
    if (value == null) {
      return 1.0;
    }
    try {
      double parsed = Double.parseDouble(value);
      if (parsed >= 0 && parsed <= 1) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalStateException(setting.property() + " must be a number from 0 to 1, got " + value);
  }

  private static String clusterName(String configured, String hostname) {
    if (configured != null) {
      String name = configured.trim().toLowerCase(Locale.ROOT);
      if (!isDnsName(name)) {
        throw new IllegalStateException(
            "cluster name '" + configured + "' is not a DNS name (a-z, 0-9, '-' and '.')");
      }
      return name;
    }
    String fromHost = hostname.toLowerCase(Locale.ROOT);
    return isDnsName(fromHost) ? fromHost : "localhost";
  }

  private static boolean isDnsName(String name) {
    return name.length() <= 253 && DNS_NAME.matcher(name).matches();
  }

  private static String localHostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  private static String orDefault(String value, String fallback) {
    String trimmed = blankToNull(value);
    return trimmed == null ? fallback : trimmed;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
