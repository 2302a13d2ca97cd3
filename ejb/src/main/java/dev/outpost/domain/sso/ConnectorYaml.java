package dev.outpost.domain.sso;

import dev.outpost.domain.role.Role;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.shared.YamlFields;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads connector resources ({@code kind: oidc}, INTERFACE.md) strictly: unknown fields, URLs
 * that are not absolute HTTPS (plain HTTP only on a loopback address), roles with bad names and
 * empty mappings are refused with the field at fault.
 */
public final class ConnectorYaml {

  public static final int MAX_LENGTH = 16 * 1024;
  static final String CLIENT_SECRET = "client_secret";
  private static final String KIND = "oidc";
  private static final Set<String> TOP_LEVEL = Set.of("kind", "name", "display", "issuer_url",
      "client_id", CLIENT_SECRET, "redirect_url", "claims_to_roles", "traits");
  private static final Set<String> RULE = Set.of("claim", "value", "roles");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern CLAIM = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
  private static final Pattern TRAIT = Pattern.compile("[a-z_][a-z0-9_]{0,63}");
  private static final YamlFields YAML = new YamlFields("connector", MAX_LENGTH,
      OutpostException::badRequest);

  private ConnectorYaml() {}

  /**
   * The connector of an admin's resource, which must carry its client secret.
   *
   * @throws OutpostException BAD_REQUEST saying what is wrong and where
   */
  public static OidcConnector parse(String text) {
    OidcConnector connector = read(text);
    if (connector.clientSecret().isEmpty()) {
      throw YAML.invalid(CLIENT_SECRET, "required");
    }
    return connector;
  }

  /** A stored resource, which never holds the secret. */
  static OidcConnector parseStored(String text) {
    return read(text);
  }

  /** The resource as it is stored and listed: the same fields without the client secret. */
  public static String withoutSecret(String text) {
    Map<String, Object> document = new LinkedHashMap<>(YAML.document(text));
    document.remove(CLIENT_SECRET);
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(options).dump(document);
  }

  /** Whether the URL's host is a loopback address (IPv4, IPv6 or {@code localhost}). */
  static boolean isLoopback(URI url) {
    String host = url.getHost();
    if (host == null) {
      return false;
    }
    if ("localhost".equalsIgnoreCase(host)) {
      return true;
    }
    String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(literal).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static OidcConnector read(String text) {
    Map<String, Object> document = YAML.document(text);
    YAML.checkFields("connector", document, TOP_LEVEL);
    Object kind = document.get("kind");
    if (!KIND.equals(kind)) {
      throw YAML.invalid("kind", "expected 'oidc', got " + YamlFields.describe(kind));
    }
    String name = YAML.string("name", document.get("name"));
    if (!NAME.matcher(name).matches()) {
      throw YAML.invalid("name", "'" + name + "' must be 1-63 lowercase letters, digits or '-'");
    }
    String display = document.get("display") == null ? name
        : bounded("display", YAML.string("display", document.get("display")), 64);
    URI issuer = url("issuer_url", YAML.string("issuer_url", document.get("issuer_url")));
    if (issuer.getRawQuery() != null || issuer.getRawFragment() != null) {
      throw YAML.invalid("issuer_url", "must have no query or fragment");
    }
    String clientId = bounded("client_id", YAML.string("client_id", document.get("client_id")),
        255);
    Optional<String> secret = Optional.ofNullable(document.get(CLIENT_SECRET))
        .map(value -> bounded(CLIENT_SECRET, YAML.string(CLIENT_SECRET, value), 1024));
    return new OidcConnector(name, display, issuer, clientId, secret,
        redirectUrls(document.get("redirect_url")), rules(document.get("claims_to_roles")),
        traits(document.get("traits")));
  }

  private static List<URI> redirectUrls(Object value) {
    if (value == null) {
      return List.of();
    }
    List<String> texts = value instanceof List<?> ? YAML.strings("redirect_url", value)
        : List.of(YAML.string("redirect_url", value));
    List<URI> urls = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      URI url = url("redirect_url[" + i + "]", texts.get(i));
      if (url.getRawFragment() != null) {
        throw YAML.invalid("redirect_url[" + i + "]", "must have no fragment");
      }
      urls.add(url);
    }
    return urls;
  }

  private static List<ClaimMapping> rules(Object value) {
    if (value == null) {
      throw YAML.invalid("claims_to_roles", "required: without it nobody gets a role");
    }
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      throw YAML.invalid("claims_to_roles", "expected a non-empty list of {claim, value, roles}");
    }
    List<ClaimMapping> rules = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String where = "claims_to_roles[" + i + "]";
      Map<String, Object> rule = YAML.map(where, list.get(i));
      YAML.checkFields(where, rule, RULE);
      String claim = YAML.string(where + ".claim", rule.get("claim"));
      if (!CLAIM.matcher(claim).matches()) {
        throw YAML.invalid(where + ".claim", "'" + claim + "' is not a claim name");
      }
      String claimValue = bounded(where + ".value", YAML.scalar(where + ".value",
          rule.get("value")), 255);
      List<String> roles = YAML.strings(where + ".roles", rule.get("roles"));
      if (roles.isEmpty()) {
        throw YAML.invalid(where + ".roles", "give at least one role");
      }
      roles.forEach(Role::checkName);
      rules.add(new ClaimMapping(claim, claimValue, roles));
    }
    return rules;
  }

  private static Map<String, String> traits(Object value) {
    if (value == null) {
      return Map.of();
    }
    Map<String, String> traits = new LinkedHashMap<>();
    YAML.map("traits", value).forEach((trait, claim) -> {
      if (!TRAIT.matcher(trait).matches()) {
        throw YAML.invalid("traits", "'" + trait + "' is not a trait name");
      }
      String claimName = YAML.string("traits." + trait, claim);
      if (!CLAIM.matcher(claimName).matches()) {
        throw YAML.invalid("traits." + trait, "'" + claimName + "' is not a claim name");
      }
      traits.put(trait, claimName);
    });
    return traits;
  }

  private static URI url(String where, String text) {
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      throw YAML.invalid(where, "not a URL: " + e.getReason());
    }
    if (!url.isAbsolute() || url.getHost() == null || url.getRawUserInfo() != null) {
      throw YAML.invalid(where, "expected an absolute URL with a host, got '" + text + "'");
    }
    boolean plainLoopback = "http".equals(url.getScheme()) && isLoopback(url);
    if (!"https".equals(url.getScheme()) && !plainLoopback) {
      throw YAML.invalid(where, "must be https:// (plain http:// only on a loopback address)");
    }
    return url;
  }

  private static String bounded(String where, String value, int max) {
    if (value.isBlank() || value.length() > max) {
      throw YAML.invalid(where, "must be 1-" + max + " characters");
    }
    return value;
  }
}
