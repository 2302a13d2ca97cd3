package dev.outpost.agent.recording;

import dev.outpost.tunnel.StreamTarget;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which proxy session a loopback SSH connection carries. The tunnel side knows the session id,
 * user and login from the stream target; the SSH server sees only a loopback connection. The
 * connection's local port is the key both sides share.
 */
public final class SessionDirectory {
  private final Map<Integer, StreamTarget> byPort = new ConcurrentHashMap<>();

  /** A tunnel stream is spliced to the SSH server from loopback port {@code port}. */
  public void opened(int port, StreamTarget target) {
    byPort.put(port, target);
  }

  public void closed(int port) {
    byPort.remove(port);
  }

  /** The stream target behind the SSH server's client address, when it came through the tunnel. */
  public Optional<StreamTarget> find(SocketAddress client) {
    if (client instanceof InetSocketAddress address && address.getAddress().isLoopbackAddress()) {
      return Optional.ofNullable(byPort.get(address.getPort()));
    }
    return Optional.empty();
  }
}
