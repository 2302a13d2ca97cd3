package dev.outpost.domain.recording;

import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.shared.UtcTime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * One recorded terminal session. Created when its node first announces it, grows as chunks
 * arrive, and is complete once the proxy has confirmed the node's checksum of the whole; after
 * that it never changes.
 */
@Entity
@Table(name = "recordings")
@NamedQuery(name = "Recording.latest",
    query = "SELECT r FROM Recording r WHERE r.cluster = :cluster ORDER BY r.startedAt DESC, r.id")
@NamedQuery(name = "Recording.startedBefore",
    query = "SELECT r FROM Recording r WHERE r.cluster = :cluster AND r.startedAt < :cutoff"
        + " ORDER BY r.startedAt")
@NamedQuery(name = "Recording.bySession",
    query = "SELECT r FROM Recording r WHERE r.sessionId = :sessionId ORDER BY r.startedAt")
public class Recording {

  /** asciicast v2. */
  public static final int FORMAT_VERSION = 2;

  @Id
  @Column(length = 36)
  private String id;

  @Column(nullable = false, length = 253)
  private String cluster;

  @Column(nullable = false, length = 63)
  private String node;

  @Column(name = "session_id", length = 36)
  private String sessionId;

  @Column(name = "user_name", length = 128)
  private String userName;

  @Column(length = 32)
  private String login;

  @Column(name = "format_version", nullable = false)
  private int formatVersion;

  @Column(name = "started_at", nullable = false)
  private OffsetDateTime startedAt;

  @Column(name = "ended_at")
  private OffsetDateTime endedAt;

  @Column(name = "size_bytes", nullable = false)
  private long size;

  @Column(length = 64)
  private String sha256;

  @Column(name = "completed_at")
  private OffsetDateTime completedAt;

  @Version
  private long version;

  protected Recording() {}

  /** A recording {@code node} announced; user and login are what the proxy told the node. */
  public Recording(UUID id, String cluster, String node, UUID sessionId, String user, String login,
      Instant started) {
    this.id = id.toString();
    this.cluster = cluster;
    this.node = node;
    this.sessionId = sessionId == null ? null : sessionId.toString();
    this.userName = clip(user, 128);
    this.login = clip(login, 32);
    this.formatVersion = FORMAT_VERSION;
    this.startedAt = UtcTime.of(started);
  }

  /** @throws OutpostException FORBIDDEN when another node recorded it */
  public void requireNode(String caller) {
    if (!node.equals(caller)) {
      throw OutpostException.forbidden("recording " + id + " belongs to another node");
    }
  }

  /** @throws OutpostException CONFLICT once complete: a confirmed recording never changes */
  public void requireOpen() {
    if (isComplete()) {
      throw OutpostException.conflict("recording " + id + " is complete and cannot change");
    }
  }

  public void grew(long newSize) {
    this.size = newSize;
  }

  /** The node's checksum of the whole matched what is stored. */
  public void completed(long finalSize, String checksum, Instant ended, Instant now) {
    this.size = finalSize;
    this.sha256 = checksum;
    this.endedAt = UtcTime.of(ended == null ? now : ended);
    this.completedAt = UtcTime.of(now);
  }

  public UUID id() {
    return UUID.fromString(id);
  }

  public String node() {
    return node;
  }

  public Optional<UUID> sessionId() {
    return Optional.ofNullable(sessionId).map(UUID::fromString);
  }

  public String user() {
    return userName;
  }

  public String login() {
    return login;
  }

  public Instant started() {
    return UtcTime.instant(startedAt);
  }

  public Optional<Instant> ended() {
    return Optional.ofNullable(endedAt).map(UtcTime::instant);
  }

  public long size() {
    return size;
  }

  public boolean isComplete() {
    return completedAt != null;
  }

  public Optional<String> sha256() {
    return Optional.ofNullable(sha256);
  }

  /** Names and logins come from the node: keep them within their columns. */
  private static String clip(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
