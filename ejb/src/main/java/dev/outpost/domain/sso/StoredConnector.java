package dev.outpost.domain.sso;

import dev.outpost.domain.shared.UtcTime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A connector as kept: the resource without its client secret, and the secret sealed apart
 * (base64 of a key vault blob), so that neither a listing nor a database dump shows it.
 */
@Entity
@Table(name = "sso_connectors")
@NamedQuery(name = "StoredConnector.all",
    query = "SELECT c FROM StoredConnector c ORDER BY c.name")
public class StoredConnector {

  @Id
  @Column(length = 64)
  private String name;

  @Column(nullable = false, length = ConnectorYaml.MAX_LENGTH)
  private String resource;

  @Column(name = "client_secret_sealed", nullable = false, length = 2048)
  private String clientSecretSealed;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private OffsetDateTime updatedAt;

  @Version
  private long version;

  @Transient
  private OidcConnector parsed;

  protected StoredConnector() {}

  /** @param resource the admin's resource, checked already; kept without its secret */
  public StoredConnector(String resource, String clientSecretSealed, Instant now) {
    this.resource = ConnectorYaml.withoutSecret(resource);
    this.parsed = ConnectorYaml.parseStored(this.resource);
    this.name = parsed.name();
    this.clientSecretSealed = clientSecretSealed;
    this.createdAt = UtcTime.of(now);
    this.updatedAt = createdAt;
  }

  public String name() {
    return name;
  }

  /** The resource without the secret. */
  public String resource() {
    return resource;
  }

  public String clientSecretSealed() {
    return clientSecretSealed;
  }

  /** The connector, without its secret. */
  public OidcConnector connector() {
    if (parsed == null) {
      parsed = ConnectorYaml.parseStored(resource);
    }
    return parsed;
  }

  /** Replaces resource and secret by a new version of the same connector. */
  public void update(StoredConnector replacement, Instant now) {
    this.resource = replacement.resource;
    this.parsed = replacement.connector();
    this.clientSecretSealed = replacement.clientSecretSealed;
    this.updatedAt = UtcTime.of(now);
  }
}
