package dev.outpost.agent.identity;

import dev.outpost.api.SshCertificates;
import dev.outpost.api.TrustedCaKeys;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * The user CA keys of {@code user_ca.pub}: only user certificates signed by one of them open SSH
 * sessions on this node. A key that a rotation retired carries the end of its grace ({@link
 * TrustedCaKeys}) and is trusted until then by this node's clock.
 *
 * @param lines the keys in authorized_keys format, as stored
 * @param keys the parsed keys, in the same order
 */
public record UserCaKeys(List<String> lines, List<PublicKey> keys) {

  public UserCaKeys {
    lines = List.copyOf(lines);
    keys = List.copyOf(keys);
  }

  /** Parses one key per line; blank lines and {@code #} comments are skipped. */
  public static UserCaKeys parse(List<String> lines) throws GeneralSecurityException {
    List<String> kept = new ArrayList<>();
    List<PublicKey> keys = new ArrayList<>();
    for (String line : lines) {
      String trimmed = line.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      PublicKey key = parseKey(trimmed);
      if (key instanceof OpenSshCertificate) {
        throw new GeneralSecurityException("a user CA must be a plain key, not a certificate");
      }
      kept.add(trimmed);
      keys.add(key);
    }
    if (keys.isEmpty()) {
      throw new GeneralSecurityException("no user CA key");
    }
    return new UserCaKeys(kept, keys);
  }

  /** Whether {@code key} is one of the CA keys trusted at {@code now}. */
  public boolean trusts(PublicKey key, Instant now) {
    return trustedAt(now).stream().anyMatch(trusted -> SshCertificates.sameKey(trusted, key));
  }

  /** The keys trusted at {@code now}: those without end, and retired ones still in their grace. */
  public List<PublicKey> trustedAt(Instant now) {
    List<PublicKey> trusted = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      if (TrustedCaKeys.isTrustedAt(lines.get(i), now)) {
        trusted.add(keys.get(i));
      }
    }
    return trusted;
  }

  String format() {
    return String.join("\n", lines) + "\n";
  }

  private static PublicKey parseKey(String line) throws GeneralSecurityException {
    try {
      PublicKey key = PublicKeyEntry.parsePublicKeyEntry(line).resolvePublicKey(null, null, null);
      if (key == null) {
        throw new GeneralSecurityException("unsupported user CA key type");
      }
      return key;
    } catch (GeneralSecurityException e) {
      throw e;
    } catch (Exception e) {
      throw new GeneralSecurityException("malformed user CA key: " + e.getMessage(), e);
    }
  }
}
