package dev.outpost.domain.role;

import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.Login;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A login in a role: a literal login, or a whole-value template {@code {{internal.logins}}} or
 * {@code {{external.<claim>}}} that stands for the user's trait values. Templates are never
 * spliced into other text, and every value they yield must itself be a valid login; values that
 * are not (a claim such as {@code root,admin} or {@code *}) are dropped, so that traits cannot
 * inject principals into a certificate.
 */
final class LoginTemplate {

  private static final Pattern TEMPLATE =
      Pattern.compile("\\{\\{\\s*(internal|external)\\.([a-z_][a-z0-9_]{0,63})\\s*\\}\\}");
  private static final String INTERNAL_LOGINS = "logins";

  private LoginTemplate() {}

  /** @throws RoleException when {@code text} is neither a valid login nor a known template */
  static void check(String where, String text) {
    if (text.contains("{{") || text.contains("}}")) {
      Matcher template = TEMPLATE.matcher(text);
      if (!template.matches()) {
        throw new RoleException(where + ": '" + text + "' is not a template: use "
            + "{{internal.logins}} or {{external.CLAIM}} as the whole value");
      }
      if ("internal".equals(template.group(1)) && !INTERNAL_LOGINS.equals(template.group(2))) {
        throw new RoleException(where + ": unknown trait internal." + template.group(2)
            + ": the only internal trait is internal.logins");
      }
      return;
    }
    try {
      new Login(text);
    } catch (OutpostException e) {
      throw new RoleException(where + ": " + e.getMessage());
    }
  }

  /** The logins {@code text} stands for with {@code traits}. */
  static List<String> expand(String text, Traits traits) {
    Matcher template = TEMPLATE.matcher(text);
    if (!template.matches()) {
      return List.of(text);
    }
    List<String> values = "internal".equals(template.group(1))
        ? traits.logins()
        : traits.external().getOrDefault(template.group(2), List.of());
    return values.stream().filter(LoginTemplate::isLogin).toList();
  }

  private static boolean isLogin(String value) {
    try {
      new Login(value);
      return true;
    } catch (OutpostException e) {
      return false;
    }
  }
}
