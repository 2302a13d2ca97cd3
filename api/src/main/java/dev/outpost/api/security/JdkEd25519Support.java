package dev.outpost.api.security;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import org.apache.sshd.common.config.keys.PrivateKeyEntryDecoder;
import org.apache.sshd.common.config.keys.PublicKeyEntryDecoder;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.common.util.security.eddsa.generic.EdDSASupport;
import org.apache.sshd.common.util.security.eddsa.generic.GenericEd25519PublicKeyDecoder;
import org.apache.sshd.common.util.security.eddsa.generic.GenericOpenSSHEd25519PrivateKeyEntryDecoder;
import org.apache.sshd.common.util.security.eddsa.generic.GenericSignatureEd25519;

/**
 * Ed25519 for MINA SSHD on the JDK's {@link EdECPublicKey} and {@link EdECPrivateKey}. SSH carries
 * an Ed25519 public key as its 32-byte encoding (RFC 8032, 5.1.2: y little-endian, the top bit
 * the parity of x) and a private key as its 32-byte seed; the JDK's key specs take the point and
 * the seed, so the conversions here are the whole of it.
 */
final class JdkEd25519Support implements EdDSASupport<EdECPublicKey, EdECPrivateKey> {
  private static final int ENCODED_LENGTH = 32;

  @Override
  public PublicKeyEntryDecoder<EdECPublicKey, EdECPrivateKey> getEDDSAPublicKeyEntryDecoder() {
    return new PublicKeyDecoder(this);
  }

  @Override
  public PrivateKeyEntryDecoder<EdECPublicKey, EdECPrivateKey>
      getOpenSSHEDDSAPrivateKeyEntryDecoder() {
    return new GenericOpenSSHEd25519PrivateKeyEntryDecoder<>(
        EdECPublicKey.class, EdECPrivateKey.class, this);
  }

  @Override
  public Signature getEDDSASigner() {
    return new GenericSignatureEd25519(SecurityUtils.EDDSA);
  }

  @Override
  public int getEDDSAKeySize(Key key) {
    return isEd25519(key) ? KEY_SIZE : -1;
  }

  @Override
  public Class<EdECPublicKey> getEDDSAPublicKeyType() {
    return EdECPublicKey.class;
  }

  @Override
  public Class<EdECPrivateKey> getEDDSAPrivateKeyType() {
    return EdECPrivateKey.class;
  }

  @Override
  public boolean compareEDDSAPPublicKeys(PublicKey k1, PublicKey k2) {
    return isEd25519(k1)
        && isEd25519(k2)
        && Arrays.equals(
            getPublicKeyData((EdECPublicKey) k1), getPublicKeyData((EdECPublicKey) k2));
  }

  @Override
  public boolean compareEDDSAPrivateKeys(PrivateKey k1, PrivateKey k2) {
    if (!isEd25519(k1) || !isEd25519(k2)) {
      return false;
    }
    byte[] seed1 = ((EdECPrivateKey) k1).getBytes().orElse(null);
    byte[] seed2 = ((EdECPrivateKey) k2).getBytes().orElse(null);
    return seed1 != null && Arrays.equals(seed1, seed2);
  }

  /**
   * The JDK derives a public key only while generating a pair, from the seed its random source
   * gives; so the pair is generated again from a source that gives this key's seed.
   */
  @Override
  public EdECPublicKey recoverEDDSAPublicKey(PrivateKey key) throws GeneralSecurityException {
    if (!isEd25519(key)) {
      throw new InvalidKeyException("not an Ed25519 private key: " + key.getAlgorithm());
    }
    byte[] seed =
        ((EdECPrivateKey) key)
            .getBytes()
            .orElseThrow(() -> new InvalidKeyException("the Ed25519 private key hides its seed"));
    KeyPairGenerator generator = KeyPairGenerator.getInstance(SecurityUtils.ED25519);
    generator.initialize(NamedParameterSpec.ED25519, new SeedSource(seed));
    return (EdECPublicKey) generator.generateKeyPair().getPublic();
  }

  @Override
  public EdECPublicKey generateEDDSAPublicKey(byte[] encoded) throws GeneralSecurityException {
    if (encoded.length != ENCODED_LENGTH) {
      throw new InvalidKeyException(
          "an Ed25519 public key has " + ENCODED_LENGTH + " bytes, not " + encoded.length);
    }
    byte[] bigEndian = new byte[ENCODED_LENGTH];
    for (int i = 0; i < ENCODED_LENGTH; i++) {
      bigEndian[i] = encoded[ENCODED_LENGTH - 1 - i];
    }
    boolean xOdd = (bigEndian[0] & 0x80) != 0;
    bigEndian[0] &= 0x7f;
    EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, bigEndian));
    return (EdECPublicKey)
        keyFactory().generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
  }

  @Override
  public EdECPrivateKey generateEDDSAPrivateKey(byte[] seed) throws GeneralSecurityException {
    if (seed.length != ENCODED_LENGTH) {
      throw new InvalidKeyException(
          "an Ed25519 private key has " + ENCODED_LENGTH + " bytes, not " + seed.length);
    }
    return (EdECPrivateKey)
        keyFactory().generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
  }

  @Override
  public <B extends Buffer> B putRawEDDSAPublicKey(B buffer, PublicKey key) {
    buffer.putBytes(getPublicKeyData(ed25519PublicKey(key)));
    return buffer;
  }

  /** The OpenSSH layout (also ssh-agent's): the public key, then the seed and the public key. */
  @Override
  public <B extends Buffer> B putEDDSAKeyPair(
      B buffer, PublicKey publicKey, PrivateKey privateKey) {
    if (!isEd25519(privateKey)) {
      throw new IllegalArgumentException(
          "not an Ed25519 private key: " + privateKey.getAlgorithm());
    }
    byte[] encodedPublic = getPublicKeyData(ed25519PublicKey(publicKey));
    byte[] seed;
    try {
      seed = getPrivateKeyData((EdECPrivateKey) privateKey);
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    byte[] both = Arrays.copyOf(seed, ENCODED_LENGTH * 2);
    System.arraycopy(encodedPublic, 0, both, ENCODED_LENGTH, ENCODED_LENGTH);
    buffer.putBytes(encodedPublic);
    buffer.putBytes(both);
    Arrays.fill(seed, (byte) 0);
    Arrays.fill(both, (byte) 0);
    return buffer;
  }

  @Override
  public KeySpec createPublicKeySpec(EdECPublicKey publicKey) {
    return new EdECPublicKeySpec(NamedParameterSpec.ED25519, publicKey.getPoint());
  }

  @Override
  public KeySpec createPrivateKeySpec(EdECPrivateKey privateKey) {
    byte[] seed = privateKey.getBytes().orElseThrow(IllegalArgumentException::new);
    return new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed);
  }

  @Override
  public byte[] getPublicKeyData(EdECPublicKey publicKey) {
    EdECPoint point = publicKey.getPoint();
    byte[] bigEndian = point.getY().toByteArray();
    byte[] encoded = new byte[ENCODED_LENGTH];
    for (int i = 0; i < Math.min(ENCODED_LENGTH, bigEndian.length); i++) {
      encoded[i] = bigEndian[bigEndian.length - 1 - i];
    }
    if (point.isXOdd()) {
      encoded[ENCODED_LENGTH - 1] |= (byte) 0x80;
    }
    return encoded;
  }

  @Override
  public byte[] getPrivateKeyData(EdECPrivateKey privateKey) throws IOException {
    return privateKey
        .getBytes()
        .orElseThrow(() -> new IOException("the Ed25519 private key hides its seed"));
  }

  @Override
  public String getKeyFactoryAlgorithm() {
    return SecurityUtils.ED25519;
  }

  private static boolean isEd25519(Key key) {
    return key instanceof EdECKey
        && NamedParameterSpec.ED25519
            .getName()
            .equalsIgnoreCase(((EdECKey) key).getParams().getName());
  }

  private static EdECPublicKey ed25519PublicKey(PublicKey key) {
    if (!isEd25519(key)) {
      throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
    }
    return (EdECPublicKey) key;
  }

  private static KeyFactory keyFactory() throws GeneralSecurityException {
    return SecurityUtils.getKeyFactory(SecurityUtils.ED25519);
  }

  /**
   * MINA SSHD asks for an Ed25519 pair by the size of its encoding, 256 bits, which the JDK's
   * generator, made for Ed25519 already, would refuse (it counts 255).
   */
  private static final class PublicKeyDecoder
      extends GenericEd25519PublicKeyDecoder<EdECPublicKey, EdECPrivateKey> {
    PublicKeyDecoder(JdkEd25519Support support) {
      super(EdECPublicKey.class, EdECPrivateKey.class, support);
    }

    @Override
    public KeyPair generateKeyPair(int keySize) throws GeneralSecurityException {
      if (keySize != KEY_SIZE) {
        throw new InvalidKeyException("Ed25519 keys have " + KEY_SIZE + " bits, not " + keySize);
      }
      return getKeyPairGenerator().generateKeyPair();
    }
  }

  /** A random source that gives one seed, from which the JDK's generator derives the pair. */
  private static final class SeedSource extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final transient byte[] seed;

    SeedSource(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (bytes.length != seed.length) {
        throw new IllegalStateException(
            "asked for " + bytes.length + " bytes, not a seed's " + seed.length);
      }
      System.arraycopy(seed, 0, bytes, 0, seed.length);
    }
  }
}
