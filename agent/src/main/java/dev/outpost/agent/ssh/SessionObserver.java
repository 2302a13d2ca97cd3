package dev.outpost.agent.ssh;

import java.io.IOException;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * What the node keeps of its sessions: terminal recordings and audit events. The SSH server calls
 * it; recording and delivery live behind it.
 */
public interface SessionObserver {

  /** Records nothing: for tests of the SSH server alone. */
  SessionObserver NONE = new SessionObserver() {
    @Override
    public TerminalRecorder recordTerminal(ChannelSession channel, TerminalSize size) {
      return TerminalRecorder.NONE;
    }

    @Override
    public void event(Session session, String type, String target, boolean success,
        String reason) {}
  };

  /**
   * A terminal session is about to start.
   *
   * @throws IOException when it cannot be recorded: the session is refused (fail closed)
   */
  TerminalRecorder recordTerminal(ChannelSession channel, TerminalSize size) throws IOException;

  /**
   * Something worth auditing happened in the session.
   *
   * @param type an audit event type's wire name ({@code exec}, {@code scp}, {@code sftp},
   *     {@code port_forward})
   * @param target the command line, path or forwarding address
   */
  void event(Session session, String type, String target, boolean success, String reason);
}
