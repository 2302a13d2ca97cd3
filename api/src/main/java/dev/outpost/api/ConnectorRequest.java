package dev.outpost.api;

/**
 * Body of {@code POST /api/v1/admin/sso}: a connector resource ({@code kind: oidc}, YAML or JSON)
 * with its client secret, which the proxy stores sealed and never returns.
 */
public record ConnectorRequest(String resource) {

  @Override
  public String toString() {
    return "ConnectorRequest[" + (resource == null ? 0 : resource.length()) + " characters]";
  }
}
