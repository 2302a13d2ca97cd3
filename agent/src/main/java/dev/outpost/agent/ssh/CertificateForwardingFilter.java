package dev.outpost.agent.ssh;

import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.forward.ForwardingFilter;

/**
 * Forwarding as the user certificate permits it, nothing by default: {@code direct-tcpip}
 * ({@code ssh -L}, {@code ssh -W}) only with {@code permit-port-forwarding}; never a listening
 * port on the node ({@code ssh -R}), agent or X11 forwarding.
 */
final class CertificateForwardingFilter implements ForwardingFilter {

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
    return false;
  }

  @Override
  public boolean canConnect(Type type, SshdSocketAddress address, Session session) {
    return type == Type.Direct && SessionPermissions.portForwarding(session);
  }
}
