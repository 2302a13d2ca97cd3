package dev.outpost.domain.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.domain.shared.OutpostException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ConnectorYamlTest {

  static final String KEYCLOAK = """
      kind: oidc
      name: keycloak
      display: Keycloak
      issuer_url: https://keycloak.example.com/realms/edge
      client_id: outpost
      client_secret: s3cret
      redirect_url:
        - https://proxy.example.com/api/v1/console/sso/callback
        - http://127.0.0.1/callback
      claims_to_roles:
        - {claim: groups, value: field-techs, roles: [access]}
        - {claim: groups, value: edge-admins, roles: [admin, access]}
      traits: {logins: unix_logins}
      """;
  static final URI DEFAULT = URI.create("https://proxy.example.com/api/v1/console/sso/callback");

  @Test
  void readsEveryField() {
    OidcConnector connector = ConnectorYaml.parse(KEYCLOAK);
    assertEquals("keycloak", connector.name());
    assertEquals("Keycloak", connector.display());
    assertEquals(URI.create("https://keycloak.example.com/realms/edge"), connector.issuer());
    assertEquals(Optional.of("s3cret"), connector.clientSecret());
    assertEquals(2, connector.redirectUrls().size());
    assertEquals(Map.of("logins", "unix_logins"), connector.traits());
    assertEquals(new ClaimMapping("groups", "edge-admins", List.of("admin", "access")),
        connector.claimsToRoles().get(1));
  }

  @Test
  void mapsGroupsToTheUnionOfRoles() {
    OidcConnector connector = ConnectorYaml.parse(KEYCLOAK);
    assertEquals(Set.of("admin", "access"), connector.rolesFor(new SsoClaims(
        Map.of("groups", List.of("field-techs", "edge-admins", "others")))));
    assertEquals(Set.of("access"), connector.rolesFor(new SsoClaims(
        Map.of("groups", "field-techs"))));
    assertTrue(connector.rolesFor(new SsoClaims(Map.of("groups", List.of("visitors"))))
        .isEmpty());
    assertTrue(connector.rolesFor(new SsoClaims(Map.of())).isEmpty());
  }

  @Test
  void storedResourceHasNoSecretAndReadsBack() {
    String stored = ConnectorYaml.withoutSecret(KEYCLOAK);
    assertFalse(stored.contains("s3cret"), stored);
    OidcConnector connector = ConnectorYaml.parseStored(stored);
    assertEquals(Optional.empty(), connector.clientSecret());
    assertEquals(ConnectorYaml.parse(KEYCLOAK).claimsToRoles(), connector.claimsToRoles());
    OutpostException missing = assertThrows(OutpostException.class,
        () -> ConnectorYaml.parse(stored));
    assertEquals("client_secret: required", missing.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "https://proxy.example.com/api/v1/console/sso/callback | true",
      "https://proxy.example.com/api/v1/console/sso/callback?x=1 | false",
      "https://evil.example.com/api/v1/console/sso/callback | false",
      "http://127.0.0.1:53682/callback | true",
      "http://127.0.0.1/callback | true",
      "http://127.0.0.1:53682/other | false",
      "http://localhost:53682/callback | false",
      "https://127.0.0.1:53682/callback | false",
  })
  void redirectsOnlyToTheAllowlist(String redirect, boolean allowed) {
    assertEquals(allowed, ConnectorYaml.parse(KEYCLOAK)
        .allowsRedirect(URI.create(redirect), DEFAULT));
  }

  @Test
  void withoutAnAllowlistOnlyTheProxysOwnCallback() {
    OidcConnector connector = ConnectorYaml.parse(KEYCLOAK.replaceAll(
        "(?s)redirect_url:.*?claims_to_roles", "claims_to_roles"));
    assertTrue(connector.allowsRedirect(DEFAULT, DEFAULT));
    assertFalse(connector.allowsRedirect(URI.create("http://127.0.0.1:5000/callback"), DEFAULT));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "kind: oidc|kind: role|kind: expected 'oidc', got string 'role'",
      "issuer_url: https://keycloak.example.com/realms/edge|issuer_url: http://keycloak.example.com/realms/edge|issuer_url: must be https:// (plain http:// only on a loopback address)",
      "name: keycloak|name: Key Cloak|name: 'Key Cloak' must be 1-63 lowercase letters, digits or '-'",
      "roles: [access]|roles: []|claims_to_roles[0].roles: give at least one role",
      "traits: {logins: unix_logins}|colour: blue|connector: unknown field 'colour' (known: [claims_to_roles, client_id, client_secret, display, issuer_url, kind, name, redirect_url, traits])",
      "- https://proxy.example.com/api/v1/console/sso/callback|- /callback|redirect_url[0]: expected an absolute URL with a host, got '/callback'",
  })
  void refusesBadResourcesNamingTheField(String from, String to, String message) {
    OutpostException error = assertThrows(OutpostException.class,
        () -> ConnectorYaml.parse(KEYCLOAK.replace(from, to)));
    assertEquals(message, error.getMessage());
  }

  @Test
  void refusesAConnectorWithoutMapping() {
    OutpostException error = assertThrows(OutpostException.class, () -> ConnectorYaml.parse(
        KEYCLOAK.replaceAll("(?s)claims_to_roles:.*?traits", "traits")));
    assertEquals("claims_to_roles: required: without it nobody gets a role", error.getMessage());
  }
}
