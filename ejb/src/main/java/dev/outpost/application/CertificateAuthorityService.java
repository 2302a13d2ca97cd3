package dev.outpost.application;

import dev.outpost.ca.CaStore;
import dev.outpost.ca.CertificateAuthorities;
import dev.outpost.ca.KeyVault;
import dev.outpost.ca.JwtSigningKey;
import dev.outpost.ca.ProxyTlsKeystore;
import dev.outpost.config.OutpostConfig;
import dev.outpost.config.SecretFile;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * Opens the cluster's CAs once at startup (creating them on first start) and keeps the proxy's
 * TLS keystore current. The CA passphrase comes from {@code OUTPOST_CA_PASSPHRASE}, or from
 * {@code <data>/secrets/ca-passphrase}, generated on first start for development only.
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

  /** Immutable once opened: safe to share between threads without locking. */
  private CertificateAuthorities authorities;
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
      CaStore store = new CaStore(config.caDirectory(), vault, random);
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
