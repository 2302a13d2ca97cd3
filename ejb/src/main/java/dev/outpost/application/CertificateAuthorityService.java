package dev.outpost.application;

import dev.outpost.ca.CaStore;
import dev.outpost.ca.CertificateAuthorities;
import dev.outpost.ca.KeyVault;
import dev.outpost.ca.JwtSigningKey;
import dev.outpost.ca.ProxyTlsKeystore;
import dev.outpost.ca.SshCertificateAuthority;
import dev.outpost.config.OutpostConfig;
import dev.outpost.config.SecretFile;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Opens the cluster's CAs once at startup (creating them on first start) and keeps the proxy's
 * TLS keystore current. The CA passphrase comes from {@code OUTPOST_CA_PASSPHRASE}, or from
 * {@code <data>/secrets/ca-passphrase}, generated on first start for development only. Rotations
 * go through here; every 20 seconds the keys are read again if another proxy sharing the data
 * directory rotated them.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CertificateAuthorityService {

  private static final Logger LOG = Logger.getLogger(CertificateAuthorityService.class.getName());

  @Inject
  private OutpostConfig config;

  @Inject
  private Clock clock;

  @Inject
  private SecureRandom random;

  /** Opened once; only the SSH CAs' keys change, swapped whole by a rotation. */
  private CertificateAuthorities authorities;
  private CaStore store;
  private JwtSigningKey jwtKey;

  /** Seals other secrets at rest (SSO client secrets) under the same passphrase. */
  private KeyVault vault;

  @PostConstruct
  void open() {
    char[] passphrase = config.caPassphrase()
        .orElseGet(() -> new SecretFile(config.secretFile("ca-passphrase")).readOrCreate(random))
        .toCharArray();
    vault = new KeyVault(passphrase, random);
    try {
      store = new CaStore(config.caDirectory(), vault, random);
      authorities = store.openOrCreate(config.clusterName(), clock.instant());
      jwtKey = store.openOrCreateJwtKey();
      boolean rewritten = new ProxyTlsKeystore(config.tlsKeystore(),
          config.tlsKeystorePassword().toCharArray())
          .ensure(authorities.tls(), authorities.proxyNames(config.publicHost(), config.appsDomain()), clock.instant(),
              random);
      LOG.info(() -> "cluster " + config.clusterName() + ": user CA "
          + authorities.users().fingerprint() + ", host CA " + authorities.hosts().fingerprint()
          + ", TLS CA " + authorities.tls().pin()
          + (rewritten ? "; wrote " + config.tlsKeystore() : ""));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot open the CAs in " + config.caDirectory() + ": " + e.getMessage(), e);
    }
  }

  /** Rotates {@code ca}, see {@link CaStore#rotate}. */
  public void rotate(SshCertificateAuthority ca, Instant now, Duration grace)
      throws IOException, GeneralSecurityException {
    store.rotate(ca, now, grace);
    LOG.info(() -> ca.type() + " CA rotated: now signing with " + ca.fingerprint());
  }

  /** Picks up a rotation another proxy made; rewrites the public files when a grace ended. */
  @Schedule(hour = "*", minute = "*", second = "*/20", persistent = false)
  void refresh() {
    try {
      store.refresh(authorities, clock.instant());
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      LOG.warning(() -> "cannot read the CA keys again: " + e.getMessage());
    }
  }

  /** Signs the identity assertions web apps receive. */
  public JwtSigningKey jwtKey() {
    return jwtKey;
  }

  public CertificateAuthorities authorities() {
    return authorities;
  }

  public KeyVault vault() {
    return vault;
  }
}
