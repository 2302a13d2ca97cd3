package dev.outpost.cli.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * The {@code known_hosts} file of the CLI home: one {@code @cert-authority *.CLUSTER KEY} line per
 * host CA key, read by OpenSSH (through {@code outpost config}) and by {@code outpost ssh}.
 */
public final class KnownHosts {

  private static final String MARKER = "@cert-authority";

  private KnownHosts() {}

  /**
   * The file's text. Each key is parsed and re-encoded, so a key sent by the proxy can never
   * smuggle a second line (say, a wildcard CA) into the file.
   *
   * @throws GeneralSecurityException when a key is not a single OpenSSH public key
   */
  public static String format(String cluster, List<String> hostCaKeys)
      throws GeneralSecurityException {
    if (hostCaKeys == null || hostCaKeys.isEmpty()) {
      throw new GeneralSecurityException("the proxy sent no host CA key");
    }
    StringBuilder text = new StringBuilder();
    for (String key : hostCaKeys) {
      text.append(MARKER)
          .append(" *.")
          .append(cluster)
          .append(' ')
          .append(PublicKeyEntry.toString(parse(key)))
          .append('\n');
    }
    return text.toString();
  }

  /** The keys of {@code lines}, each one OpenSSH public key. */
  public static List<PublicKey> parseKeys(List<String> lines) throws GeneralSecurityException {
    List<PublicKey> keys = new ArrayList<>();
    for (String line : lines) {
      keys.add(parse(line));
    }
    return keys;
  }

  /** The host CA keys of the file's {@code @cert-authority} lines. */
  public static List<PublicKey> read(Path file) throws IOException, GeneralSecurityException {
    List<PublicKey> keys = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String[] fields = line.strip().split("\\s+", 3);
      if (fields.length == 3 && fields[0].equals(MARKER)) {
        keys.add(parse(fields[2]));
      }
    }
    if (keys.isEmpty()) {
      throw new GeneralSecurityException(file + " names no host CA");
    }
    return keys;
  }

  private static PublicKey parse(String line) throws GeneralSecurityException {
    if (line == null || line.isBlank() || line.strip().contains("\n") || line.contains("\r")) {
      throw new GeneralSecurityException("host CA key is not one line");
    }
    try {
      PublicKey key =
          PublicKeyEntry.parsePublicKeyEntry(line.strip())
              .resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING);
      if (key == null) {
        throw new GeneralSecurityException("unsupported host CA key type");
      }
      return key;
    } catch (IOException | IllegalArgumentException e) {
      throw new GeneralSecurityException("malformed host CA key: " + e.getMessage(), e);
    }
  }
}
