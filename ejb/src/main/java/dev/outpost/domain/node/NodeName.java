package dev.outpost.domain.node;

import dev.outpost.domain.shared.OutpostException;
import java.util.regex.Pattern;

/** A node name: one DNS label (a-z, 0-9, '-'; at most 63; no '-' at either end). */
public record NodeName(String value) {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  public NodeName {
    if (!isDnsLabel(value)) {
      throw OutpostException.badRequest("node name '" + value + "' is invalid: use 1-63 "
          + "lowercase letters, digits or '-', not starting or ending with '-'");
    }
  }

  /** Whether {@code value} is one DNS label, the rule for node and Kubernetes cluster names. */
  public static boolean isDnsLabel(String value) {
    return value != null && LABEL.matcher(value).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
