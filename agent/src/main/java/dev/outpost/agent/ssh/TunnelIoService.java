package dev.outpost.agent.ssh;

import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.common.io.IoService;
import org.apache.sshd.common.io.IoServiceEventListener;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.util.closeable.AbstractCloseable;

/** The service MINA SSHD sees behind the built-in server's {@link TunnelIoSession}s. */
final class TunnelIoService extends AbstractCloseable implements IoService {
  private final Map<Long, IoSession> sessions = new ConcurrentHashMap<>();
  private volatile IoServiceEventListener listener;

  void opened(IoSession session) {
    sessions.put(session.getId(), session);
  }

  void closed(IoSession session) {
    sessions.remove(session.getId());
  }

  @Override
  public Map<Long, IoSession> getManagedSessions() {
    return Collections.unmodifiableMap(sessions);
  }

  @Override
  public IoServiceEventListener getIoServiceEventListener() {
    return listener;
  }

  @Override
  public void setIoServiceEventListener(IoServiceEventListener listener) {
    this.listener = listener;
  }

  @Override
  protected void doCloseImmediately() {
    sessions.values().forEach(session -> session.close(true));
    super.doCloseImmediately();
  }
}
