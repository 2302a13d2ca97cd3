package dev.outpost.agent.ssh;

import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.forward.ForwardingFilter;

/**
 * Forwarding as the user certificate permits it, nothing by default: {@code direct-tcpip}
 * ({@code ssh -L}, {@code ssh -W}) only with {@code permit-port-forwarding}; never a listening
 * port on the node ({@code ssh -R}), agent or X11 forwarding. Each TCP forwarding request is
 * audited as {@code port_forward}, granted or refused.
 */
final class CertificateForwardingFilter implements ForwardingFilter {
  static final String LISTEN_REFUSED = "listening ports on the node are never permitted";
  static final String CONNECT_REFUSED = "port forwarding is not permitted by your roles";

  private final SessionObserver observer;

  CertificateForwardingFilter(SessionObserver observer) {
    this.observer = observer;
  }

  @Override
  public boolean canForwardAgent(Session session, String requestType) {
    return false;
  }

  @Override
  public boolean canForwardX11(Session session, String requestType) {
    return false;
  }

  @Override
  public boolean canListen(SshdSocketAddress address, Session session) {
    observer.event(session, "port_forward", "listen " + address, false, LISTEN_REFUSED);
    return false;
  }

  @Override
  public boolean canConnect(Type type, SshdSocketAddress address, Session session) {
    boolean permitted = type == Type.Direct && SessionPermissions.portForwarding(session);
    observer.event(session, "port_forward", "connect " + address, permitted,
        permitted ? null : CONNECT_REFUSED);
    return permitted;
  }
}
