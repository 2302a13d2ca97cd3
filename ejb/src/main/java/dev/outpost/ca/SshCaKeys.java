package dev.outpost.ca;

import dev.outpost.api.TrustedCaKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The keys of one SSH CA: the key pair that signs, and the public keys earlier rotations retired,
 * each trusted until its grace ends. Immutable; a rotation makes a new one.
 *
 * @param active the key that signs and is trusted without end
 * @param retired earlier keys, newest first, each with the end of its grace
 */
public record SshCaKeys(KeyPair active, List<Retired> retired) {

  /** A retired public key, trusted until {@code until}. */
  public record Retired(PublicKey key, Instant until) {
    public Retired {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(until, "until");
    }

    String line() {
      return TrustedCaKeys.retiring(SshKeys.format(key), until);
    }
  }

  public SshCaKeys {
    Objects.requireNonNull(active, "active");
    retired = List.copyOf(retired);
  }

  /**
   * {@code next} signs from now on; the active key is retired with a grace of {@code grace};
   * keys whose grace ended are dropped.
   */
  public SshCaKeys rotate(KeyPair next, Instant now, Duration grace) {
    if (grace.isNegative()) {
      throw new IllegalArgumentException("the grace period must not be negative");
    }
    List<Retired> kept = new ArrayList<>();
    kept.add(new Retired(active.getPublic(), now.plus(grace)));
    kept.addAll(retiredAt(now));
    return new SshCaKeys(next, kept);
  }

  /** The retired keys still trusted at {@code now}. */
  public List<Retired> retiredAt(Instant now) {
    return retired.stream().filter(key -> now.isBefore(key.until())).toList();
  }

  /** Every key trusted at {@code now}: the active one first. */
  public List<PublicKey> trustedAt(Instant now) {
    List<PublicKey> keys = new ArrayList<>();
    keys.add(active.getPublic());
    retiredAt(now).forEach(key -> keys.add(key.key()));
    return keys;
  }

  /**
   * The keys trusted at {@code now} as {@link TrustedCaKeys} lines: the active one plain, the
   * retired ones with the end of their grace.
   */
  public List<String> linesAt(Instant now) {
    List<String> lines = new ArrayList<>();
    lines.add(SshKeys.format(active.getPublic()));
    retiredAt(now).forEach(key -> lines.add(key.line()));
    return lines;
  }

  /** The retired keys as stored: one {@link TrustedCaKeys} line each. */
  byte[] encodeRetired() {
    StringBuilder text = new StringBuilder();
    retired.forEach(key -> text.append(key.line()).append('\n'));
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** Parses what {@link #encodeRetired} wrote. */
  static List<Retired> decodeRetired(byte[] encoded) {
    List<Retired> keys = new ArrayList<>();
    for (String line : new String(encoded, StandardCharsets.US_ASCII).split("\n")) {
      if (!line.isBlank()) {
        Instant until = TrustedCaKeys.until(line)
            .orElseThrow(() -> new IllegalArgumentException("a retired CA key without its end"));
        keys.add(new Retired(SshKeys.parsePublicKey(line), until));
      }
    }
    return keys;
  }
}
