package dev.outpost.application.sso;

import dev.outpost.api.ConnectorApplied;
import dev.outpost.api.ConnectorView;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.sso.ConnectorRepository;
import dev.outpost.domain.sso.ConnectorYaml;
import dev.outpost.domain.sso.OidcConnector;
import dev.outpost.domain.sso.StoredConnector;
import dev.outpost.domain.user.UserIdentity;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Admins apply, list and remove SSO connectors. Applying is create-or-update by name; the client
 * secret is sealed before it is stored and never shown again. Changes are audited as
 * {@code sso.create}, {@code sso.update} or {@code sso.delete} with the admin as actor, refusals
 * too.
 */
public final class ConnectorAdministration {

  private final ConnectorRepository connectors;
  private final UnaryOperator<String> sealSecret;
  private final AuditRecorder audit;
  private final Clock clock;

  public ConnectorAdministration(ConnectorRepository connectors, UnaryOperator<String> sealSecret,
      AuditRecorder audit, Clock clock) {
    this.connectors = connectors;
    this.sealSecret = sealSecret;
    this.audit = audit;
    this.clock = clock;
  }

  /** Creates the connector of {@code resource}, or replaces the connector of that name. */
  public ConnectorApplied apply(UserIdentity admin, String resource) {
    admin.requireRole(Role.ADMIN);
    OidcConnector connector;
    try {
      connector = ConnectorYaml.parse(resource);
    } catch (OutpostException e) {
      audit.record(AuditRecord.failure(AuditEventType.SSO_CREATE, e.getMessage())
          .actor(admin.user()));
      throw e;
    }
    StoredConnector replacement = new StoredConnector(resource,
        sealSecret.apply(connector.clientSecret().orElseThrow()), clock.instant());
    Optional<StoredConnector> existing = connectors.find(connector.name());
    if (existing.isPresent()) {
      existing.get().update(replacement, clock.instant());
    } else {
      connectors.add(replacement);
    }
    audit.record(AuditRecord.success(existing.isPresent()
            ? AuditEventType.SSO_UPDATE : AuditEventType.SSO_CREATE)
        .actor(admin.user()).message("connector " + connector.name() + " (oidc, issuer "
            + connector.issuer() + ")"));
    return new ConnectorApplied(connector.name(), existing.isEmpty());
  }

  /** Every connector, by name, without secrets. */
  public List<ConnectorView> list(UserIdentity admin) {
    admin.requireRole(Role.ADMIN);
    return connectors.list().stream().map(StoredConnector::connector)
        .map(ConnectorAdministration::view).toList();
  }

  /** Removes a connector; its users stay but can no longer sign in. */
  public void remove(UserIdentity admin, String name) {
    admin.requireRole(Role.ADMIN);
    StoredConnector connector = connectors.find(name == null ? "" : name).orElseThrow(() -> {
      OutpostException error = OutpostException.notFound("no such SSO connector: " + name);
      audit.record(AuditRecord.failure(AuditEventType.SSO_DELETE, error.getMessage())
          .actor(admin.user()));
      return error;
    });
    connectors.remove(connector);
    audit.record(AuditRecord.success(AuditEventType.SSO_DELETE).actor(admin.user())
        .message("connector " + connector.name()));
  }

  private static ConnectorView view(OidcConnector connector) {
    return new ConnectorView(connector.name(), "oidc", connector.display(),
        connector.issuer().toString(), connector.clientId(),
        connector.redirectUrls().stream().map(URI::toString).toList(),
        connector.claimsToRoles().stream().map(rule -> rule.claim() + "=" + rule.value()
            + " -> " + String.join(",", rule.roles())).toList(),
        connector.traits());
  }
}
