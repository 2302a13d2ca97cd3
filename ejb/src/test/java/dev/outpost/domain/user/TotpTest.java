package dev.outpost.domain.user;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TotpTest {

  /** The RFC 6238 appendix B secrets. */
  private static final byte[] SHA1_SECRET =
      "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SHA256_SECRET =
      "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SHA512_SECRET =
      "1234567890123456789012345678901234567890123456789012345678901234"
          .getBytes(StandardCharsets.US_ASCII);

  @ParameterizedTest(name = "T={0}s: {1} / {2} / {3}")
  @CsvSource({
      "59, 94287082, 46119246, 90693936",
      "1111111109, 07081804, 68084774, 25091201",
      "1111111111, 14050471, 67062674, 99943326",
      "1234567890, 89005924, 91819424, 93441116",
      "2000000000, 69279037, 90698825, 38618901",
      "20000000000, 65353130, 77737706, 47863826"})
  void matchesRfc6238TestVectors(long time, String sha1, String sha256, String sha512) {
    Instant at = Instant.ofEpochSecond(time);

    assertEquals(sha1, totp("HmacSHA1").code(SHA1_SECRET, totp("HmacSHA1").step(at)));
    assertEquals(sha256, totp("HmacSHA256").code(SHA256_SECRET, totp("HmacSHA256").step(at)));
    assertEquals(sha512, totp("HmacSHA512").code(SHA512_SECRET, totp("HmacSHA512").step(at)));
  }

  @Test
  void acceptsOneStepEitherSide() {
    Instant now = Instant.ofEpochSecond(1_111_111_111);
    long step = Totp.STANDARD.step(now);

    for (long offset = -1; offset <= 1; offset++) {
      String code = Totp.STANDARD.code(SHA1_SECRET, step + offset);
      assertEquals(OptionalLong.of(step + offset),
          Totp.STANDARD.verify(SHA1_SECRET, code, now, 0));
    }
    String tooOld = Totp.STANDARD.code(SHA1_SECRET, step - 2);
    assertTrue(Totp.STANDARD.verify(SHA1_SECRET, tooOld, now, 0).isEmpty());
  }

  @Test
  void acceptsEachCodeOnce() {
    Instant now = Instant.ofEpochSecond(1_111_111_111);
    long step = Totp.STANDARD.step(now);
    String code = Totp.STANDARD.code(SHA1_SECRET, step);

    assertTrue(Totp.STANDARD.verify(SHA1_SECRET, code, now, step).isEmpty());
  }

  @Test
  void refusesMalformedCodes() {
    Instant now = Instant.now();
    assertTrue(Totp.STANDARD.verify(SHA1_SECRET, null, now, 0).isEmpty());
    assertTrue(Totp.STANDARD.verify(SHA1_SECRET, "12345", now, 0).isEmpty());
  }

  @Test
  void base32RoundTripsSecrets() {
    assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Base32.encode(SHA1_SECRET));
    assertArrayEquals(SHA1_SECRET, Base32.decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"));
  }

  private static Totp totp(String mac) {
    return new Totp(mac, Duration.ofSeconds(30), 8);
  }
}
