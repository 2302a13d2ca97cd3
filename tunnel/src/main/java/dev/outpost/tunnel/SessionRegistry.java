package dev.outpost.tunnel;

import dev.outpost.tunnel.frame.ErrorCode;
import dev.outpost.tunnel.frame.FrameLimits;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The accepting side's resumable sessions, by session id. A dialer's RESUME names a session; the
 * registry hands it over only to a connection that authenticated as the session's owner, in the
 * ordinary handshake: the session id alone proves nothing. A claim by anyone else is refused and
 * reported, and ends that connection.
 */
public final class SessionRegistry {

  /** What the registry reports; called on tunnel threads, so it must be quick. */
  public interface Listener {
    /**
     * A session's streams failed for good: its link was lost and not resumed in time, or its
     * connection was closed on purpose. {@code reason} says which.
     */
    void ended(StreamSession session, String reason);

    /** {@code claimant} tried to resume a session that belongs to {@code owner}. */
    void refused(String claimant, String owner, String sessionId);
  }

  private final TunnelSettings settings;
  private final Listener listener;
  private final Map<String, StreamSession> sessions = new ConcurrentHashMap<>();

  /** Sessions time out by {@code settings}' grace and scheduler. */
  public SessionRegistry(TunnelSettings settings, Listener listener) {
    this.settings = settings;
    this.listener = listener;
  }

  /** Sessions held, attached or waiting for a resume. */
  public int size() {
    return sessions.size();
  }

  /**
   * The session {@code identity} asks to resume, or a new one when it names none this registry
   * holds (all zeros, expired, or from before a restart).
   *
   * @throws ProtocolViolation when the session belongs to another identity
   */
  StreamSession claim(ByteBuffer requested, String identity) throws ProtocolViolation {
    String id = HexFormat.of().formatHex(Handshake.bytes(requested));
    StreamSession session = sessions.get(id);
    if (session == null) {
      return create(identity);
    }
    if (!session.owner().equals(identity)) {
      listener.refused(identity, session.owner(), id);
      throw ProtocolViolation.ofConnection(
          ErrorCode.UNAUTHENTICATED,
          "resume refused: session " + id + " belongs to another peer");
    }
    return session;
  }

  private StreamSession create(String identity) {
    byte[] id = new byte[FrameLimits.SESSION_LENGTH];
    StreamSession session;
    do {
      settings.random().nextBytes(id);
      session = new StreamSession(settings, id, identity, this::ended);
    } while (Arrays.equals(id, new byte[id.length])
        || sessions.putIfAbsent(session.id(), session) != null);
    return session;
  }

  private void ended(StreamSession session) {
    sessions.remove(session.id(), session);
    listener.ended(session, session.endReason());
  }
}
