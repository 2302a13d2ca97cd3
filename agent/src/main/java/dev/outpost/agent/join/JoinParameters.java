package dev.outpost.agent.join;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the operator asks for when joining, checked before anything is sent.
 *
 * @param token the single-use join token
 * @param name requested node name
 * @param labels node labels
 * @param caPin {@code sha256:HEX} of the cluster CA, or empty to rely on the system trust store
 */
public record JoinParameters(String token, String name, Map<String, String> labels, Optional<String> caPin) {
  /** DNS-label-like, since the name ends up in certificate principals and {@code NODE.CLUSTER}. */
  private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_.-]{0,62})");

  public JoinParameters {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("a join token is needed for the first start (--token)");
    }
    if (name == null || !NODE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "invalid node name '" + name + "': letters, digits, '.', '_' and '-', up to 63");
    }
    labels = Map.copyOf(labels);
    caPin = caPin.filter(pin -> !pin.isBlank());
  }
}
