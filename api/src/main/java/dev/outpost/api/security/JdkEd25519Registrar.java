package dev.outpost.api.security;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.Optional;
import org.apache.sshd.common.util.security.AbstractSecurityProviderRegistrar;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.common.util.security.SunJCESecurityProviderRegistrar;
import org.apache.sshd.common.util.security.eddsa.generic.EdDSASupport;

/**
 * Tells MINA SSHD to take Ed25519 keys and signatures from the JDK's SunEC provider. MINA SSHD
 * 2.20 knows Ed25519 only through Bouncy Castle's or net.i2p's provider; the JDK has had it since
 * 15, and this registrar and {@link JdkEd25519Support} connect the two.
 */
public final class JdkEd25519Registrar extends AbstractSecurityProviderRegistrar {
  private static final String JDK_PROVIDER = "SunEC";

  public JdkEd25519Registrar() {
    super(SecurityUtils.EDDSA);
  }

  /**
   * Makes MINA SSHD use the JDK's providers only: the SunJCE wrapper and this registrar. Call it
   * before anything touches MINA SSHD's {@code SecurityUtils}, which reads the list once.
   */
  public static void install() {
    System.setProperty(
        SecurityUtils.SECURITY_PROVIDER_REGISTRARS,
        SunJCESecurityProviderRegistrar.class.getName()
            + ","
            + JdkEd25519Registrar.class.getName());
  }

  @Override
  public String getProviderName() {
    return JDK_PROVIDER;
  }

  @Override
  public Provider getSecurityProvider() {
    return Security.getProvider(JDK_PROVIDER);
  }

  @Override
  public boolean isSupported() {
    return getSecurityProvider() != null;
  }

  @Override
  public boolean isSecurityEntitySupported(Class<?> entityType, String name) {
    boolean keys =
        KeyPairGenerator.class.isAssignableFrom(entityType)
            || KeyFactory.class.isAssignableFrom(entityType);
    boolean signatures = Signature.class.isAssignableFrom(entityType);
    boolean ed25519 = SecurityUtils.ED25519.equalsIgnoreCase(name);
    return (keys && ed25519)
        || (signatures && (ed25519 || SecurityUtils.EDDSA.equalsIgnoreCase(name)));
  }

  @Override
  public Optional<EdDSASupport<?, ?>> getEdDSASupport() {
    return Optional.of(new JdkEd25519Support());
  }
}
