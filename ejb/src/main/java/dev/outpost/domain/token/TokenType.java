package dev.outpost.domain.token;

import dev.outpost.domain.shared.OutpostException;
import java.util.Locale;

/** What may join with a token. Stored as the constant's name; on the wire in lowercase. */
public enum TokenType {
  NODE,
  KUBE,
  APP,
  TRUSTED_CLUSTER;

  /** The wire name, e.g. {@code trusted_cluster}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TokenType fromWireName(String name) {
    for (TokenType type : values()) {
      if (type.wireName().equals(name)) {
        return type;
      }
    }
    throw OutpostException.badRequest(
        "unknown token type '" + name + "': use node, kube, app or trusted_cluster");
  }
}
