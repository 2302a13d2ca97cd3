package dev.outpost.agent.recording;

import dev.outpost.agent.ssh.SessionObserver;
import dev.outpost.agent.ssh.TerminalRecorder;
import dev.outpost.agent.ssh.TerminalSize;
import dev.outpost.agent.ssh.TunnelClientAddress;
import dev.outpost.tunnel.StreamTarget;
import dev.outpost.api.NodeEvent;
import dev.outpost.api.cast.AsciicastWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * The node's {@link SessionObserver}: every terminal session is spooled as asciicast v2 and every
 * exec, scp and sftp becomes an audit event in the event spool, both tagged with the proxy's
 * session id, user and login that came with the tunnel stream.
 */
public final class NodeRecorder implements SessionObserver {
  private static final Logger LOG = Logger.getLogger(NodeRecorder.class.getName());

  private final RecordingSpool recordings;
  private final EventSpool events;
  private final Clock clock;
  private final Runnable spooled;

  /**
   * @param spooled called when something is ready to upload (a session ended, an event happened)
   */
  public NodeRecorder(RecordingSpool recordings, EventSpool events, Clock clock,
      Runnable spooled) {
    this.recordings = recordings;
    this.events = events;
    this.clock = clock;
    this.spooled = spooled;
  }

  @Override
  public TerminalRecorder recordTerminal(ChannelSession channel, TerminalSize size)
      throws IOException {
    Optional<StreamTarget> target =
        TunnelClientAddress.streamOf(channel.getSession().getIoSession().getRemoteAddress());
    RecordingInfo info = new RecordingInfo(UUID.randomUUID(),
        target.map(t -> sessionId(t.field("session"))).orElse(null),
        target.map(t -> t.field("user")).orElse(null), channel.getSession().getUsername(),
        clock.instant());
    OutputStream file = recordings.start(info);
    String term = Optional.ofNullable(channel.getEnvironment().getEnv().get("TERM"))
        .orElse("xterm");
    try {
      AsciicastWriter writer =
          AsciicastWriter.start(file, clock, size.columns(), size.rows(), term);
      LOG.info(() -> "recording session " + info.sessionId() + " as " + info.id());
      return new AsciicastRecorder(info.id(), writer, recordings, clock, spooled);
    } catch (IOException e) {
      file.close();
      throw e;
    }
  }

  @Override
  public void event(Session session, String type, String target, boolean success,
      String reason) {
    Optional<StreamTarget> stream = TunnelClientAddress.streamOf(session.getIoSession().getRemoteAddress());
    NodeEvent event = new NodeEvent(UUID.randomUUID(), clock.instant(), type,
        stream.map(t -> sessionId(t.field("session"))).orElse(null),
        stream.map(t -> t.field("user")).orElse(null), session.getUsername(), target, success ? "SUCCESS" : "FAILURE", reason);
    try {
      events.add(event);
      spooled.run();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "audit event " + type + " could not be spooled", e);
    }
  }

  private static UUID sessionId(String field) {
    try {
      return UUID.fromString(field);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
