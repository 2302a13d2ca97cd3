package dev.outpost.tunnel;

import dev.outpost.tunnel.frame.ErrorCode;
import dev.outpost.tunnel.frame.Frame;
import dev.outpost.tunnel.frame.FrameLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The streams of a resumable tunnel, which outlive the connection that carries them. While
 * attached, one {@link TunnelConnection} carries them; when it is lost they are suspended (not
 * reset) for {@link TunnelSettings#resumeGrace()}, and a new connection of the same peer takes
 * them over with a RESUME exchange. Past the grace they fail with a reason that says so.
 *
 * <p>A dialing side keeps one for as long as it wants its streams to survive redials ({@link
 * #dialing}); an accepting side keeps them in a {@link SessionRegistry}, by session id and owner.
 */
public final class StreamSession {
  private static final byte[] NONE = new byte[FrameLimits.SESSION_LENGTH];

  private final TunnelSettings settings;
  private final String owner;
  private final Consumer<StreamSession> onEnd;
  private byte[] id;
  private StreamTable table;
  private TunnelConnection attached;
  private ScheduledFuture<?> expiry;
  private String endReason;

  /** The points of this (dialing) side's last RESUME: the credit granted since is granted again. */
  private List<Frame.ResumePoint> offered = List.of();

  StreamSession(TunnelSettings settings, byte[] id, String owner, Consumer<StreamSession> onEnd) {
    this.settings = settings;
    this.id = id.clone();
    this.owner = owner;
    this.onEnd = onEnd;
  }

  /**
   * A dialing side's session, empty until its first connection; pass it to every {@link
   * TunnelConnection#dial} that should carry the same streams on. Its grace timer uses {@code
   * settings}.
   */
  public static StreamSession dialing(TunnelSettings settings) {
    return new StreamSession(settings, NONE, "", session -> {});
  }

  /** Who owns the streams: the identity the accepting side verified; empty on the dialing side. */
  public String owner() {
    return owner;
  }

  /** Hex session id for logs; all zeros before the first connection. */
  public synchronized String id() {
    return HexFormat.of().formatHex(id);
  }

  /** Streams held, carried or waiting for a resume. */
  public synchronized int streams() {
    return table == null ? 0 : table.size();
  }

  /** Bytes its streams keep for a replay. */
  public synchronized long replayHeld() {
    return table == null ? 0 : table.replayHeld();
  }

  /** Whether its streams wait for a resume (the connection was lost, the grace is running). */
  public synchronized boolean isSuspended() {
    return attached == null && expiry != null;
  }

  /**
   * Whether a connection other than {@code connection} carries the streams now: it resumed them,
   * so the peer that {@code connection} served has not gone away.
   */
  public synchronized boolean isCarriedByAnother(TunnelConnection connection) {
    return attached != null && attached != connection;
  }

  /** Why the session ended for good, or null while it lives. */
  public synchronized String endReason() {
    return endReason;
  }

  /** The dialing side's RESUME: its session id and how far it received each stream. */
  synchronized Frame.Resume offer() {
    offered = table == null ? List.of() : table.resumePoints();
    return new Frame.Resume(ByteBuffer.wrap(id), offered);
  }

  /**
   * The dialing side got the accepting side's RESUME: carries on with its streams if the peer kept
   * the session, or starts afresh (failing the old streams) if the peer named a different one.
   */
  synchronized StreamTable resumeDialed(
      Frame.Resume peer, TunnelConnection connection, Outbox outbox, Supplier<StreamTable> fresh)
      throws ProtocolViolation {
    byte[] peerId = Handshake.bytes(peer.session());
    StreamTable created = fresh.get();
    if (table != null && !Arrays.equals(id, peerId)) {
      String reason = "the peer no longer has session " + id();
      table.park(reason, new IOException("not resumed: " + reason));
      table = null;
    } else if (table != null && !table.flow().equals(created.flow())) {
      table.closeAll(new IOException("not resumed: the peer's flow settings changed"));
      table = null;
    }
    id = peerId;
    attach(connection);
    if (table == null) {
      if (!peer.streams().isEmpty()) {
        throw ProtocolViolation.ofConnection(
            ErrorCode.PROTOCOL,
            "RESUME names " + peer.streams().size() + " streams of a session this side never had");
      }
      table = created;
      endReason = null;
      return table;
    }
    table.resume(outbox, table.checkResume(peer.streams(), false), offered);
    return table;
  }

  /**
   * The accepting side got the dialer's RESUME for this session: takes the streams over from any
   * connection still carrying them, answers with its own RESUME for the streams both sides still
   * have, then replays what the dialer missed.
   */
  StreamTable resumeAccepted(
      Frame.Resume peer, TunnelConnection connection, Outbox outbox, Supplier<StreamTable> fresh)
      throws ProtocolViolation {
    TunnelConnection previous;
    StreamTable resumed;
    synchronized (this) {
      previous = attached;
      attach(connection);
      StreamTable created = fresh.get();
      if (table != null && !table.flow().equals(created.flow())) {
        table.closeAll(new IOException("not resumed: the peer's flow settings changed"));
        table = null;
      }
      if (table == null) {
        table = created;
      }
      resumed = table;
    }
    if (previous != null) {
      previous.supersede(); // it will not touch the streams any more
    }
    List<Frame.ResumePoint> kept = resumed.checkResume(peer.streams(), true);
    Set<Integer> keptIds =
        kept.stream().map(Frame.ResumePoint::streamId).collect(Collectors.toSet());
    List<Frame.ResumePoint> own =
        resumed.resumePoints().stream().filter(p -> keptIds.contains(p.streamId())).toList();
    synchronized (this) {
      outbox.control(new Frame.Resume(ByteBuffer.wrap(id), own));
    }
    resumed.resume(outbox, kept, own);
    return resumed;
  }

  /**
   * {@code connection} was lost: its streams wait for a resume until the grace runs out. Nothing
   * happens if another connection took them over meanwhile.
   */
  synchronized void suspend(TunnelConnection connection, String reason) {
    if (attached != connection || table == null) {
      return;
    }
    attached = null;
    table.suspend(new IOException("tunnel lost before the stream was accepted: " + reason));
    long grace = settings.resumeGrace().toNanos();
    expiry =
        settings
            .scheduler()
            .schedule(
                () -> expire("link lost (" + reason + ") and not resumed within "
                    + settings.resumeGrace()),
                grace,
                TimeUnit.NANOSECONDS);
  }

  /** {@code connection} ended for good (closed on purpose): so do its streams. */
  void end(TunnelConnection connection, IOException cause) {
    synchronized (this) {
      if (attached != connection) {
        return;
      }
      attached = null;
    }
    finish(cause.getMessage(), cause);
  }

  private void attach(TunnelConnection connection) {
    attached = connection;
    if (expiry != null) {
      expiry.cancel(false);
      expiry = null;
    }
  }

  private void expire(String reason) {
    synchronized (this) {
      if (attached != null || expiry == null) {
        return; // resumed meanwhile
      }
      expiry = null;
    }
    finish(reason, new IOException(reason));
  }

  private void finish(String reason, IOException cause) {
    StreamTable ended;
    synchronized (this) {
      if (endReason != null) {
        return;
      }
      endReason = reason;
      ended = table;
      table = null;
    }
    if (ended != null) {
      ended.closeAll(cause);
    }
    onEnd.accept(this);
  }

  /** The session id's bytes, for the registry. */
  synchronized byte[] idBytes() {
    return id.clone();
  }

  @Override
  public String toString() {
    return "tunnel session " + id() + (owner.isEmpty() ? "" : " of " + owner);
  }
}
