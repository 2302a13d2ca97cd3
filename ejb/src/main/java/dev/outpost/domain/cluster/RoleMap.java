package dev.outpost.domain.cluster;

import dev.outpost.api.RoleMapping;
import dev.outpost.domain.shared.OutpostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which leaf roles a root's roles get. A rule's {@code remote} is a role name, or a regular
 * expression {@code ^…$} that must match a whole role name, whose groups the local names may use
 * ({@code $1}). A root role that no rule matches gets nothing: the map is the only way in.
 */
public final class RoleMap {
  static final int MAX_RULES = 64;
  private static final Pattern ROLE_NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
  private static final Pattern SUBSTITUTION = Pattern.compile("[a-z0-9_.$-]{1,64}");

  private final List<Rule> rules;

  private RoleMap(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** @throws OutpostException BAD_REQUEST naming the rule that is wrong */
  public static RoleMap of(List<RoleMapping> mappings) {
    if (mappings == null || mappings.isEmpty()) {
      throw OutpostException.badRequest("a role map needs at least one rule: a root role that no "
          + "rule names gets nothing in this cluster");
    }
    if (mappings.size() > MAX_RULES) {
      throw OutpostException.badRequest("a role map has at most " + MAX_RULES + " rules");
    }
    List<Rule> rules = new ArrayList<>();
    for (RoleMapping mapping : mappings) {
      rules.add(Rule.of(mapping));
    }
    return new RoleMap(rules);
  }

  /** The leaf roles {@code remoteRoles} get, sorted; empty when no rule matches any of them. */
  public Set<String> map(Collection<String> remoteRoles) {
    Set<String> local = new TreeSet<>();
    for (String remote : remoteRoles) {
      for (Rule rule : rules) {
        local.addAll(rule.apply(remote));
      }
    }
    return local;
  }

  public List<RoleMapping> mappings() {
    return rules.stream().map(Rule::mapping).toList();
  }

  /** One line per rule, {@code remote TAB local,local}: how the map is stored. */
  public String format() {
    StringBuilder out = new StringBuilder();
    for (Rule rule : rules) {
      out.append(rule.remote).append('\t').append(String.join(",", rule.local)).append('\n');
    }
    return out.toString();
  }

  /** Reads what {@link #format} wrote. */
  public static RoleMap parse(String stored) {
    List<RoleMapping> mappings = new ArrayList<>();
    for (String line : stored.split("\n")) {
      if (!line.isEmpty()) {
        int tab = line.indexOf('\t');
        mappings.add(new RoleMapping(line.substring(0, tab), List.of(line.substring(tab + 1).split(","))));
      }
    }
    return of(mappings);
  }

  private record Rule(String remote, Pattern pattern, List<String> local) {
    static Rule of(RoleMapping mapping) {
      String remote = mapping.remote();
      if (remote == null || remote.isBlank() || remote.length() > 255 || remote.contains("\t")
          || remote.contains("\n")) {
        throw OutpostException.badRequest("role map: 'remote' must be a role name or a pattern "
            + "^…$ of at most 255 characters on one line");
      }
      if (mapping.local() == null || mapping.local().isEmpty()) {
        throw OutpostException.badRequest("role map: rule '" + remote + "' names no local role");
      }
      Pattern pattern = null;
      if (remote.startsWith("^") && remote.endsWith("$")) {
        try {
          pattern = Pattern.compile(remote);
        } catch (PatternSyntaxException e) {
          throw OutpostException.badRequest("role map: '" + remote + "' is not a valid regular "
              + "expression: " + e.getDescription());
        }
      } else if (!ROLE_NAME.matcher(remote).matches()) {
        throw OutpostException.badRequest("role map: '" + remote + "' is neither a role name nor "
            + "a pattern ^…$");
      }
      for (String local : mapping.local()) {
        Pattern rule = pattern == null ? ROLE_NAME : SUBSTITUTION;
        if (local == null || !rule.matcher(local).matches()) {
          throw OutpostException.badRequest("role map: local role '" + local + "' of rule '"
              + remote + "' is not a role name" + (pattern == null ? "" : " (with $1… groups)"));
        }
      }
      return new Rule(remote, pattern, List.copyOf(mapping.local()));
    }

    List<String> apply(String role) {
      if (pattern == null) {
        return remote.equals(role) ? local : List.of();
      }
      Matcher m = pattern.matcher(role);
      if (!m.matches()) {
        return List.of();
      }
      List<String> names = new ArrayList<>();
      for (String name : local) {
        String expanded = expand(name, m);
        if (ROLE_NAME.matcher(expanded).matches()) {
          names.add(expanded);
        }
      }
      return names;
    }

    /** {@code $N} replaced by group N (an absent group by nothing); no other syntax. */
    private static String expand(String template, Matcher m) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < template.length(); i++) {
        char c = template.charAt(i);
        if (c == '$' && i + 1 < template.length() && Character.isDigit(template.charAt(i + 1))) {
          int group = template.charAt(++i) - '0';
          if (group <= m.groupCount() && m.group(group) != null) {
            out.append(m.group(group));
          }
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }

    RoleMapping mapping() {
      return new RoleMapping(remote, local);
    }
  }
}
