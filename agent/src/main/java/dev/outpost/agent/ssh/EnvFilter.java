package dev.outpost.agent.ssh;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which client-sent environment variables ({@code env} requests, OpenSSH's SendEnv) reach a
 * session: an allowlist of terminal and locale settings, like sshd's stock {@code AcceptEnv LANG
 * LC_*}. Anything else, above all {@code LD_*}, {@code BASH_ENV} or {@code PATH}, could make the
 * login's own shell run code of the client's choosing before the login's profile does.
 */
public final class EnvFilter {
  private static final Set<String> NAMES = Set.of("TERM", "COLORTERM", "LANG", "LANGUAGE", "TZ");
  private static final Pattern LOCALE_CATEGORY = Pattern.compile("LC_[A-Z]+");
  private static final int MAX_VALUE_LENGTH = 256;

  private EnvFilter() {}

  public static boolean allows(String name, String value) {
    return name != null
        && value != null
        && (NAMES.contains(name) || LOCALE_CATEGORY.matcher(name).matches())
        && value.length() <= MAX_VALUE_LENGTH
        && value.chars().noneMatch(Character::isISOControl);
  }

  /** The allowed subset of {@code environment}. */
  public static Map<String, String> filter(Map<String, String> environment) {
    Map<String, String> allowed = new TreeMap<>();
    environment.forEach(
        (name, value) -> {
          if (allows(name, value)) {
            allowed.put(name, value);
          }
        });
    return allowed;
  }
}
