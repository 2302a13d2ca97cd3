package dev.outpost.cli.profile;

import dev.outpost.api.LoginResponse;
import dev.outpost.cli.CliException;
import dev.outpost.cli.ssh.SshTarget;
import dev.outpost.client.http.ProxyAddress;
import dev.outpost.client.http.WireJson;
import dev.outpost.client.tls.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;

/**
 * The credentials of the CLI home: written by a login, read by every later command, removed by
 * logout. Checks what the proxy sent before writing anything, so a malformed or hostile answer
 * never reaches the files that OpenSSH trusts.
 */
public final class CredentialStore {

  private final OutpostHome home;
  private final Clock clock;

  public CredentialStore(OutpostHome home, Clock clock) {
    this.home = home;
    this.clock = clock;
  }

  public OutpostHome home() {
    return home;
  }

  /** Stores the client certificate of web app {@code app} and its key (owner-only). */
  public void saveAppCertificate(String app, PrivateKey key, String certificatePem)
      throws GeneralSecurityException, IOException {
    HomeFiles.createPrivateDirectory(home.appKey(app).getParent());
    HomeFiles.writeSecret(home.appKey(app), Pem.encode(key));
    HomeFiles.writePublic(home.appCertificate(app),
        Pem.encode(Pem.parseCertificate(certificatePem)));
  }

  /**
   * Stores a successful login.
   *
   * @return the stored profile
   * @throws GeneralSecurityException when the proxy's answer does not fit the keys sent
   */
  public Profile save(
      ProxyAddress proxy, LoginResponse answer, LoginKeys keys, TlsTrust trust, boolean insecure)
      throws GeneralSecurityException, IOException {
    if (!SshTarget.isHostName(answer.cluster())) {
      throw new GeneralSecurityException("the proxy sent an invalid cluster name");
    }
    requireCertificateFor(keys, answer.sshCertificate());
    String knownHosts = KnownHosts.format(answer.cluster(), answer.hostCaKeys());
    String clusterCa = Pem.encode(Pem.parseCertificate(answer.tlsCaPem()));
    Profile profile =
        new Profile(
            proxy.toString(),
            answer.user(),
            answer.cluster(),
            answer.sessionToken(),
            answer.expires(),
            insecure,
            trust,
            answer.roles() == null ? List.of() : answer.roles(),
            answer.logins() == null ? List.of() : answer.logins());

    HomeFiles.createPrivateDirectory(home.dir());
    HomeFiles.writeSecret(
        home.key(), keys.sshPrivateKeyOpenSsh(answer.user() + "@" + answer.cluster()));
    HomeFiles.writePublic(home.publicKey(), keys.sshPublicKeyLine() + "\n");
    HomeFiles.writePublic(home.certificate(), answer.sshCertificate().strip() + "\n");
    HomeFiles.writeSecret(home.tlsKey(), Pem.encode(keys.tls().getPrivate()));
    if (answer.tlsCertificatePem() != null) {
      HomeFiles.writePublic(
          home.tlsCertificate(), Pem.encode(Pem.parseCertificate(answer.tlsCertificatePem())));
    } else {
      Files.deleteIfExists(home.tlsCertificate());
    }
    HomeFiles.writePublic(home.clusterCa(), clusterCa);
    HomeFiles.writePublic(home.knownHosts(), knownHosts);
    HomeFiles.writeSecret(home.profile(), WireJson.mapper().writeValueAsString(profile) + "\n");
    return profile;
  }

  /** The stored profile, expired or not; empty when nobody is logged in. */
  public Optional<Profile> profile() throws CliException {
    Path file = home.profile();
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(WireJson.mapper().readValue(file.toFile(), Profile.class));
    } catch (IOException e) {
      throw CliException.failure(
          "cannot read " + file + ": " + e.getMessage() + "; run 'outpost login' again", e);
    }
  }

  /** The current, unexpired credentials; fails with the command to run when there are none. */
  public Credentials load() throws CliException {
    Profile profile =
        profile()
            .orElseThrow(
                () -> CliException.failure("not logged in: run 'outpost login --proxy=HOST:PORT'"));
    if (profile.hasExpired(clock.instant())) {
      throw CliException.failure(
          "your credentials expired at "
              + profile.expires()
              + ": run 'outpost login --proxy="
              + profile.proxy()
              + "'");
    }
    return new Credentials(home, profile);
  }

  /**
   * Removes every credential file.
   *
   * @return whether there was anything to remove
   */
  public boolean clear() throws IOException {
    boolean any = false;
    for (Path file :
        List.of(
            home.profile(),
            home.key(),
            home.publicKey(),
            home.certificate(),
            home.tlsKey(),
            home.tlsCertificate(),
            home.clusterCa(),
            home.knownHosts())) {
      any |= Files.deleteIfExists(file);
    }
    return any;
  }

  private static void requireCertificateFor(LoginKeys keys, String certificateLine)
      throws GeneralSecurityException {
    if (certificateLine == null || certificateLine.strip().contains("\n")) {
      throw new GeneralSecurityException("the proxy sent no single-line SSH certificate");
    }
    if (!(dev.outpost.api.CertificateProof.parseCertificate(certificateLine)
            instanceof OpenSshCertificate certificate)
        || certificate.getType() != OpenSshCertificate.Type.USER
        || !KeyUtils.compareKeys(certificate.getCertPubKey(), keys.ssh().getPublic())) {
      throw new GeneralSecurityException(
          "the proxy's SSH certificate is not a user certificate for the key sent");
    }
  }
}
