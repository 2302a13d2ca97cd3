package dev.outpost.agent.ssh;

import java.io.IOException;
import java.util.Map;
import java.util.logging.Logger;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.PtyMode;
import org.apache.sshd.common.channel.RequestHandler.Result;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * MINA's session channel with three things sshd does and MINA leaves open: it remembers whether
 * the client asked for a terminal, refuses {@code env} requests outside {@link EnvFilter}'s
 * allowlist, and reports death by signal as {@code exit-signal} rather than {@code exit-status}.
 */
final class SessionChannel extends ChannelSession {
  private static final Logger LOG = Logger.getLogger(SessionChannel.class.getName());

  /** Creates these channels for "session" requests. */
  static final ChannelFactory FACTORY =
      new ChannelFactory() {
        @Override
        public String getName() {
          return "session";
        }

        @Override
        public Channel createChannel(Session session) {
          return new SessionChannel();
        }
      };

  private volatile boolean terminal;
  private volatile String exitSignal;

  static boolean hasTerminal(ChannelSession channel) {
    return channel instanceof SessionChannel session && session.terminal;
  }

  /** Makes the coming exit report the signal {@code name} instead of a status. */
  static void reportSignal(ChannelSession channel, String name) {
    if (channel instanceof SessionChannel session) {
      session.exitSignal = name;
    }
  }

  @Override
  protected Result handleEnvParsed(String name, String value) throws IOException {
    if (!EnvFilter.allows(name, value)) {
      LOG.fine(() -> "refused env request for " + name);
      return Result.ReplyFailure;
    }
    return super.handleEnvParsed(name, value);
  }

  @Override
  protected Result handlePtyReqParsed(
      String term, int columns, int rows, int width, int height, Map<PtyMode, Integer> modes)
      throws IOException {
    terminal = true;
    return super.handlePtyReqParsed(term, columns, rows, width, height, modes);
  }

  @Override
  protected void sendExitStatus(int exitValue) throws IOException {
    String signal = exitSignal;
    if (signal == null) {
      super.sendExitStatus(exitValue);
      return;
    }
    if (exitStatusSent.getAndSet(true)) {
      return;
    }
    // RFC 4254 6.10: signal name without "SIG", core dumped, error message, language tag
    Buffer buffer = getSession().createBuffer(SshConstants.SSH_MSG_CHANNEL_REQUEST, 64);
    buffer.putUInt(getRecipient());
    buffer.putString("exit-signal");
    buffer.putBoolean(false);
    buffer.putString(signal);
    buffer.putBoolean(false);
    buffer.putString("");
    buffer.putString("");
    writePacket(buffer);
  }
}
