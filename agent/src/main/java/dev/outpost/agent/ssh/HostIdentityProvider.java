package dev.outpost.agent.ssh;

import dev.outpost.agent.identity.CurrentIdentity;
import java.security.KeyPair;
import java.util.List;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.keyprovider.HostKeyCertificateProvider;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.SessionContext;

/**
 * The SSH server's host key and host certificate, read from the current identity for every
 * session: MINA offers the certificate algorithm ({@code ssh-ed25519-cert-v01@openssh.com}) next
 * to the plain key, and clients that trust the host CA ({@code @cert-authority} in known_hosts)
 * pick it. A renewed certificate is presented from the next session on, without a restart.
 */
final class HostIdentityProvider implements KeyPairProvider, HostKeyCertificateProvider {
  private final CurrentIdentity identity;

  HostIdentityProvider(CurrentIdentity identity) {
    this.identity = identity;
  }

  @Override
  public Iterable<KeyPair> loadKeys(SessionContext session) {
    return List.of(identity.get().hostKey());
  }

  @Override
  public Iterable<OpenSshCertificate> loadCertificates(SessionContext session) {
    return List.of(identity.get().hostCertificate().certificate());
  }
}
