package dev.outpost.domain.role;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One allowed value of a label in a role: an exact string, {@code *} for any value, or a regular
 * expression written {@code ^…$} (anchored on both ends, so that it never matches by accident a
 * part of a value).
 */
public final class LabelValue {

  static final String ANY = "*";
  private static final int MAX_LENGTH = 255;

  private final String text;
  private final Pattern regex;

  private LabelValue(String text, Pattern regex) {
    this.text = text;
    this.regex = regex;
  }

  /**
   * @throws RoleException naming {@code where} when the value is empty, too long or a regular
   *     expression that does not compile
   */
  static LabelValue parse(String where, String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
      throw new RoleException(where + ": label value must be 1-" + MAX_LENGTH + " characters");
    }
    if (text.startsWith("^") && text.endsWith("$") && text.length() > 1) {
      try {
        return new LabelValue(text, Pattern.compile(text));
      } catch (PatternSyntaxException e) {
        throw new RoleException(where + ": regular expression " + text + " does not compile: "
            + e.getDescription());
      }
    }
    return new LabelValue(text, null);
  }

  boolean isAny() {
    return regex == null && ANY.equals(text);
  }

  boolean matches(String value) {
    if (value == null) {
      return false;
    }
    if (regex != null) {
      return regex.matcher(value).matches();
    }
    return isAny() || text.equals(value);
  }

  /** As written in the role. */
  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LabelValue that && text.equals(that.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
