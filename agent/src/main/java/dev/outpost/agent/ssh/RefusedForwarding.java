package dev.outpost.agent.ssh;

import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.forward.StaticDecisionForwardingFilter;

/**
 * Refuses every kind of forwarding, as {@code RejectAllForwardingFilter} does, and audits each
 * refused TCP forwarding request as {@code port_forward}: {@code ssh -R} (listen). {@code ssh -L}
 * needs direct-tcpip channels, which the server does not offer at all.
 */
final class RefusedForwarding extends StaticDecisionForwardingFilter {
  static final String REASON = "port forwarding is refused on this node";

  private final SessionObserver observer;

  RefusedForwarding(SessionObserver observer) {
    super(false);
    this.observer = observer;
  }

  @Override
  public boolean canListen(SshdSocketAddress address, Session session) {
    observer.event(session, "port_forward", "listen " + address, false, REASON);
    return false;
  }

  @Override
  public boolean canConnect(Type type, SshdSocketAddress address, Session session) {
    observer.event(session, "port_forward", "connect " + address, false, REASON);
    return false;
  }
}
