package dev.outpost.api.ssh;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;

/**
 * The SSH ciphers of a node's built-in server, in the order its clients should prefer them.
 *
 * <p>AES only, GCM first: the JDK's C2 compiler runs AES and GHASH on the CPU's crypto
 * instructions (AES-NI and PCLMUL on x86-64, the ARMv8 crypto extensions), while MINA SSHD's
 * chacha20-poly1305, OpenSSH's first choice, is plain Java. GCM before CTR because CTR needs a
 * separate MAC: with hmac-sha2-256, the one OpenSSH then picks, it costs the node several times
 * the CPU per byte (docs/performance.md, "What the ciphers cost"). CBC is left out as legacy.
 * Every OpenSSH since 6.2 (2013) speaks AES-GCM and all speak AES-CTR.
 *
 * <p>A client picks the first of its own list that the server offers, and OpenSSH's default list
 * puts CTR before GCM; so {@code outpost config} writes this order into the client's
 * {@code Ciphers} and {@code outpost ssh} uses it too.
 */
public final class NodeCiphers {
  /** For MINA SSHD, server or client. */
  public static final List<NamedFactory<Cipher>> FACTORIES =
      List.of(BuiltinCiphers.aes128gcm, BuiltinCiphers.aes256gcm, BuiltinCiphers.aes128ctr,
          BuiltinCiphers.aes192ctr, BuiltinCiphers.aes256ctr);

  private NodeCiphers() {}

  /** The value of an OpenSSH client's {@code Ciphers} option: the same list, by name. */
  public static String openSshList() {
    return FACTORIES.stream().map(NamedFactory::getName).collect(Collectors.joining(","));
  }
}
