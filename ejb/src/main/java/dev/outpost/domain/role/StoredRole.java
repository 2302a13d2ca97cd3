package dev.outpost.domain.role;

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
 * A role as kept: the resource text an admin applied, checked by {@link RoleYaml} before it is
 * stored, so that what {@code roles ls} shows is what was written.
 */
@Entity
@Table(name = "roles")
@NamedQuery(name = "StoredRole.all", query = "SELECT r FROM StoredRole r ORDER BY r.name")
@NamedQuery(name = "StoredRole.byNames",
    query = "SELECT r FROM StoredRole r WHERE r.name IN :names ORDER BY r.name")
public class StoredRole {

  @Id
  @Column(length = 64)
  private String name;

  @Column(nullable = false, length = RoleYaml.MAX_LENGTH)
  private String resource;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private OffsetDateTime updatedAt;

  @Version
  private long version;

  @Transient
  private Role parsed;

  protected StoredRole() {}

  public StoredRole(String resource, Instant now) {
    this.parsed = RoleYaml.parse(resource);
    this.name = parsed.name();
    this.resource = resource;
    this.createdAt = UtcTime.of(now);
    this.updatedAt = createdAt;
  }

  public String name() {
    return name;
  }

  public String resource() {
    return resource;
  }

  public Role role() {
    if (parsed == null) {
      parsed = RoleYaml.parse(resource);
    }
    return parsed;
  }

  /** Replaces the resource by a new version of the same role. */
  public void update(String newResource, Instant now) {
    Role role = RoleYaml.parse(newResource);
    if (!role.name().equals(name)) {
      throw new RoleException("cannot rename role " + name + " to " + role.name());
    }
    this.parsed = role;
    this.resource = newResource;
    this.updatedAt = UtcTime.of(now);
  }
}
