package dev.outpost.api.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdkEd25519SupportTest {
  /** RFC 8032, 7.1, test 1: the empty message. */
  private static final byte[] SEED =
      hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  private static final byte[] PUBLIC =
      hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  private static final byte[] SIGNATURE =
      hex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
          + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

  private final JdkEd25519Support support = new JdkEd25519Support();

  @Test
  void minaSshdRunsOnTheJdksProviderWithoutBouncyCastle() throws Exception {
    assertInstanceOf(JdkEd25519Support.class, SecurityUtils.getEdDSASupport().orElseThrow());
    assertFalse(SecurityUtils.isBouncyCastleRegistered());
    KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    assertInstanceOf(EdECPublicKey.class, pair.getPublic());
    assertEquals(KeyPairProvider.SSH_ED25519, KeyUtils.getKeyType(pair));
  }

  @Test
  void theRfc8032VectorSignsAndVerifiesThroughMinaSshdsSigner() throws Exception {
    EdECPrivateKey privateKey = support.generateEDDSAPrivateKey(SEED);
    EdECPublicKey publicKey = support.recoverEDDSAPublicKey(privateKey);
    assertArrayEquals(PUBLIC, support.getPublicKeyData(publicKey));

    Signature signer = support.getEDDSASigner();
    signer.initSigner(null, privateKey);
    signer.update(null, new byte[0]);
    assertArrayEquals(SIGNATURE, signer.sign(null));

    Signature verifier = support.getEDDSASigner();
    verifier.initVerifier(null, support.generateEDDSAPublicKey(PUBLIC));
    verifier.update(null, new byte[0]);
    assertTrue(verifier.verify(null, SIGNATURE));
    verifier.update(null, new byte[] {1});
    assertFalse(verifier.verify(null, SIGNATURE));
  }

  @Test
  void aPairIsPutInOpenSshsLayout() throws Exception {
    EdECPrivateKey privateKey = support.generateEDDSAPrivateKey(SEED);
    Buffer buffer =
        support.putEDDSAKeyPair(
            new ByteArrayBuffer(), support.recoverEDDSAPublicKey(privateKey), privateKey);
    assertArrayEquals(PUBLIC, buffer.getBytes());
    byte[] both = buffer.getBytes();
    assertArrayEquals(SEED, Arrays.copyOf(both, 32));
    assertArrayEquals(PUBLIC, Arrays.copyOfRange(both, 32, 64));
    assertEquals(0, buffer.available());
  }

  @Test
  void publicKeysOfBothParitiesSurviveTheirEncoding() throws Exception {
    boolean[] seen = new boolean[2];
    for (int i = 0; i < 64; i++) {
      EdECPublicKey key =
          (EdECPublicKey) KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256).getPublic();
      byte[] encoded = support.getPublicKeyData(key);
      EdECPublicKey decoded = support.generateEDDSAPublicKey(encoded);
      assertEquals(key.getPoint().isXOdd(), decoded.getPoint().isXOdd());
      assertEquals(key.getPoint().getY(), decoded.getPoint().getY());
      assertTrue(support.compareEDDSAPPublicKeys(key, decoded));
      seen[key.getPoint().isXOdd() ? 1 : 0] = true;
    }
    assertTrue(seen[0] && seen[1], "64 keys gave both parities of x");
  }

  @Test
  void malformedKeysAreRefusedWithTheirLength() {
    InvalidKeyException shortKey =
        assertThrows(InvalidKeyException.class, () -> support.generateEDDSAPublicKey(new byte[31]));
    assertEquals("an Ed25519 public key has 32 bytes, not 31", shortKey.getMessage());
    assertThrows(InvalidKeyException.class, () -> support.generateEDDSAPrivateKey(new byte[33]));
    assertThrows(
        InvalidKeyException.class,
        () -> KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 448));
  }

  @Test
  void aKeyWrittenInOpenSshFormatReadsBackAndOpenSshAgrees(@TempDir Path directory)
      throws Exception {
    KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "node-a", null, written);
    Path file = directory.resolve("id_ed25519");
    Files.write(file, written.toByteArray());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    KeyPair read = load(file);
    assertTrue(KeyUtils.compareKeyPairs(pair, read));
    assertEquals(
        publicLine(pair.getPublic()) + " node-a", sshKeygen("-y", "-f", file.toString()));
  }

  @Test
  void aKeyMadeByOpenSshLoadsAndSignsWhatOpenSshVerifies(@TempDir Path directory)
      throws Exception {
    Path file = directory.resolve("id_ed25519");
    sshKeygen("-q", "-t", "ed25519", "-N", "", "-C", "", "-f", file.toString());
    KeyPair pair = load(file);
    assertInstanceOf(EdECPrivateKey.class, pair.getPrivate());
    String written = Files.readString(directory.resolve("id_ed25519.pub")).strip();
    assertEquals(written, publicLine(pair.getPublic()));
    assertEquals(pair.getPublic(), support.recoverEDDSAPublicKey(pair.getPrivate()));
  }

  private static KeyPair load(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      Iterator<KeyPair> keys =
          SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("key"), in, null)
              .iterator();
      return keys.next();
    }
  }

  private static String publicLine(PublicKey key) {
    return PublicKeyEntry.toString(key);
  }

  private static String sshKeygen(String... arguments) throws Exception {
    String[] command = new String[arguments.length + 1];
    command[0] = "ssh-keygen";
    System.arraycopy(arguments, 0, command, 1, arguments.length);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes()).strip();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
    return output;
  }

  private static byte[] hex(String text) {
    return HexFormat.of().parseHex(text);
  }
}
