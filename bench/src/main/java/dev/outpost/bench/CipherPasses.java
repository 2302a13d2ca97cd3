package dev.outpost.bench;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the crypto passes of the tunnel's path cost in this JVM, without the rest of the path: the
 * TLS legs' AES-GCM, one cipher per 16 KiB record as TLS 1.3 makes it, and the SSH session's
 * aes128-ctr with hmac-sha2-256, each on one thread, best of five one-second rounds (the later
 * ones warm). Prints CPU seconds per GiB, to set against the benchmark's CPU seconds per GiB of
 * the agent and the proxy. See docs/performance.md.
 *
 * <pre>java -XX:+UseSerialGC -cp bench/target/classes dev.outpost.bench.CipherPasses</pre>
 */
public final class CipherPasses {
  private static final int RECORD = 16 * 1024;
  private static final int ROUNDS = 5;
  private static final long ROUND_NANOS = 1_000_000_000L;
  private static final double GIB = 1 << 30;

  private CipherPasses() {}

  /** One pass over a record's worth of bytes. */
  private interface Pass {
    void run(byte[] in, byte[] out) throws GeneralSecurityException;
  }

  public static void main(String[] args) throws GeneralSecurityException {
    SecureRandom random = new SecureRandom();
    Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
    ctr.init(Cipher.ENCRYPT_MODE, key(16, "AES"), new IvParameterSpec(new byte[16]));
    Mac hmac = Mac.getInstance("HmacSHA256");
    hmac.init(key(32, "HmacSHA256"));
    ResultTable table = new ResultTable("pass (16 KiB at a time)", "MB/s", "CPU s per GiB");
    measure(table, "TLS_AES_128_GCM_SHA256 record", gcmRecord(16, random));
    measure(table, "TLS_AES_256_GCM_SHA384 record", gcmRecord(32, random));
    measure(table, "SSH aes128-ctr", (in, out) -> ctr.update(in, 0, in.length, out, 0));
    measure(table, "SSH hmac-sha2-256", (in, out) -> hmac.doFinal(in));
    System.out.print(table.markdown());
  }

  private static Pass gcmRecord(int keyBytes, SecureRandom random) throws GeneralSecurityException {
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    SecretKeySpec key = key(keyBytes, "AES");
    byte[] nonce = new byte[12];
    return (in, out) -> {
      random.nextBytes(nonce); // GCM refuses a nonce twice under one key
      gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      gcm.doFinal(in, 0, in.length, out, 0);
    };
  }

  private static void measure(ResultTable table, String name, Pass pass)
      throws GeneralSecurityException {
    byte[] in = new byte[RECORD];
    byte[] out = new byte[RECORD + 16];
    double best = 0;
    for (int round = 0; round < ROUNDS; round++) {
      long bytes = 0;
      long start = System.nanoTime();
      while (System.nanoTime() - start < ROUND_NANOS) {
        pass.run(in, out);
        bytes += RECORD;
      }
      best = Math.max(best, bytes / ((System.nanoTime() - start) / 1e9));
    }
    table.row(name, format(best / 1e6, "%.0f"), format(GIB / best, "%.2f"));
  }

  private static SecretKeySpec key(int bytes, String algorithm) {
    return new SecretKeySpec(new byte[bytes], algorithm);
  }

  private static String format(double value, String pattern) {
    return String.format(Locale.ROOT, pattern, value);
  }
}
