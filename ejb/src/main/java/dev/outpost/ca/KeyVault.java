package dev.outpost.ca;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals small secrets such as CA private keys under a passphrase.
 *
 * <p>Format, version 1 (all of the header is authenticated as associated data):
 *
 * <pre>
 *   "OPVAULT" 0x01 | kdf 0x01 (PBKDF2-HMAC-SHA256) | iterations u32 | salt[16] | nonce[12]
 *   | check[16] | AES-256-GCM ciphertext with 16-byte tag
 * </pre>
 *
 * The PBKDF2 output is a master key from which HMAC derives the AES key and the check value; the
 * check value tells a wrong passphrase apart from a damaged file without weakening either.
 */
public final class KeyVault {

  static final int ITERATIONS = 310_000;
  private static final byte[] MAGIC = "OPVAULT".getBytes(StandardCharsets.US_ASCII);
  private static final byte VERSION = 1;
  private static final byte KDF_PBKDF2_SHA256 = 1;
  private static final int SALT_BYTES = 16;
  private static final int NONCE_BYTES = 12;
  private static final int CHECK_BYTES = 16;
  private static final int TAG_BITS = 128;
  private static final int HEADER_BYTES =
      MAGIC.length + 1 + 1 + Integer.BYTES + SALT_BYTES + NONCE_BYTES + CHECK_BYTES;
  private static final int MAX_ITERATIONS = 10_000_000;

  private final char[] passphrase;
  private final SecureRandom random;

  public KeyVault(char[] passphrase, SecureRandom random) {
    if (passphrase.length == 0) {
      throw new IllegalArgumentException("the CA passphrase is empty");
    }
    this.passphrase = passphrase.clone();
    this.random = random;
  }

  /** Seals {@code plaintext} into a new vault file, unless {@code file} exists already. */
  public boolean writeIfAbsent(Path file, byte[] plaintext)
      throws IOException, GeneralSecurityException {
    return PrivateFiles.createExclusively(file, seal(plaintext));
  }

  /** Opens a vault file, with an error that names it. */
  public byte[] read(Path file) throws IOException, GeneralSecurityException {
    try {
      return open(Files.readAllBytes(file));
    } catch (GeneralSecurityException e) {
      throw new GeneralSecurityException(file + ": " + e.getMessage(), e);
    }
  }

  public byte[] seal(byte[] plaintext) throws GeneralSecurityException {
    byte[] salt = randomBytes(SALT_BYTES);
    byte[] nonce = randomBytes(NONCE_BYTES);
    byte[] master = deriveMaster(salt, ITERATIONS);
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES)
        .put(MAGIC).put(VERSION).put(KDF_PBKDF2_SHA256).putInt(ITERATIONS)
        .put(salt).put(nonce).put(checkValue(master));
    Cipher cipher = cipher(Cipher.ENCRYPT_MODE, master, nonce, header.array());
    byte[] sealed = cipher.doFinal(plaintext);
    return ByteBuffer.allocate(HEADER_BYTES + sealed.length)
        .put(header.array())
        .put(sealed)
        .array();
  }

  public byte[] open(byte[] file) throws GeneralSecurityException {
    if (file.length < HEADER_BYTES + TAG_BITS / 8
        || !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
      throw new GeneralSecurityException("not an Outpost key vault file");
    }
    ByteBuffer in = ByteBuffer.wrap(file).position(MAGIC.length);
    byte version = in.get();
    byte kdf = in.get();
    int iterations = in.getInt();
    if (version != VERSION || kdf != KDF_PBKDF2_SHA256) {
      throw new GeneralSecurityException("unsupported key vault version " + version + "/" + kdf);
    }
    if (iterations < ITERATIONS || iterations > MAX_ITERATIONS) {
      throw new GeneralSecurityException("key vault iteration count out of range: " + iterations);
    }
    byte[] salt = next(in, SALT_BYTES);
    byte[] nonce = next(in, NONCE_BYTES);
    byte[] check = next(in, CHECK_BYTES);
    byte[] master = deriveMaster(salt, iterations);
    if (!MessageDigest.isEqual(check, checkValue(master))) {
      throw new GeneralSecurityException("wrong CA passphrase");
    }
    Cipher cipher = cipher(Cipher.DECRYPT_MODE, master, nonce, Arrays.copyOf(file, HEADER_BYTES));
    try {
      return cipher.doFinal(file, HEADER_BYTES, file.length - HEADER_BYTES);
    } catch (AEADBadTagException e) {
      throw new GeneralSecurityException("key vault file is corrupted or was tampered with");
    }
  }

  private byte[] deriveMaster(byte[] salt, int iterations) throws GeneralSecurityException {
    PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } finally {
      spec.clearPassword();
    }
  }

  private static Cipher cipher(int mode, byte[] master, byte[] nonce, byte[] header)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(subkey(master, "outpost-vault-aes-key"), "AES"),
        new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(header);
    return cipher;
  }

  private static byte[] checkValue(byte[] master) throws GeneralSecurityException {
    return Arrays.copyOf(subkey(master, "outpost-vault-key-check"), CHECK_BYTES);
  }

  private static byte[] subkey(byte[] master, String purpose) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(master, "HmacSHA256"));
    return mac.doFinal(purpose.getBytes(StandardCharsets.US_ASCII));
  }

  private byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] next(ByteBuffer in, int count) {
    byte[] bytes = new byte[count];
    in.get(bytes);
    return bytes;
  }
}
