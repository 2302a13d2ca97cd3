package dev.outpost.cli.ssh;

import dev.outpost.cli.CliException;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.channel.PtyChannelConfiguration;
import org.apache.sshd.common.util.io.input.NoCloseInputStream;
import org.apache.sshd.common.util.io.output.NoCloseOutputStream;
import sun.misc.Signal;

/**
 * Runs a shell or a command on an authenticated session, wired to local standard streams, and
 * returns the remote exit status like OpenSSH's {@code ssh} does.
 */
final class RemoteSession {

  private RemoteSession() {}

  /** Runs {@code command} (one string, as {@code ssh} joins its arguments) without a terminal. */
  static int exec(ClientSession session, String command, Stdio stdio)
      throws IOException, CliException {
    try (ChannelExec channel = session.createExecChannel(command)) {
      return run(channel, stdio);
    }
  }

  /**
   * Runs the login shell: on a pseudo-terminal sized like the local one, in raw mode, when there is
   * a local terminal; otherwise as a plain stream, like {@code ssh -T}.
   */
  static int shell(ClientSession session, Stdio stdio, Optional<Terminal> terminal)
      throws IOException, CliException {
    PtyChannelConfiguration pty = new PtyChannelConfiguration();
    terminal.ifPresent(
        tty -> {
          Terminal.Size size = tty.size();
          pty.setPtyType(tty.type());
          pty.setPtyColumns(size.columns());
          pty.setPtyLines(size.rows());
        });
    try (ChannelShell channel = session.createShellChannel(pty, Map.of())) {
      channel.setUsePty(terminal.isPresent());
      if (terminal.isEmpty()) {
        return run(channel, stdio);
      }
      Terminal.RawMode raw = terminal.get().enterRawMode();
      try {
        forwardResizes(channel, terminal.get());
        return run(channel, stdio);
      } finally {
        raw.restore();
      }
    }
  }

  private static int run(ClientChannel channel, Stdio stdio) throws IOException, CliException {
    channel.setIn(new NoCloseInputStream(stdio.in()));
    channel.setOut(new NoCloseOutputStream(stdio.out()));
    channel.setErr(new NoCloseOutputStream(stdio.err()));
    channel.open().verify();
    channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), 0L);
    Integer status = channel.getExitStatus();
    if (status == null) {
      String signal = channel.getExitSignal();
      throw CliException.failure(
          "the remote session ended without an exit status"
              + (signal == null ? "" : " (signal " + signal + ")"));
    }
    return status;
  }

  /**
   * Tells the node when the local window is resized. SIGWINCH is the only notice a terminal gives
   * and the JDK has no public API for signals; {@code sun.misc.Signal} stays supported in the
   * {@code jdk.unsupported} module for exactly this. Without it, the size is just not updated.
   */
  private static void forwardResizes(ChannelShell channel, Terminal terminal) {
    try {
      Signal.handle(
          new Signal("WINCH"),
          signal -> {
            Terminal.Size size = terminal.size();
            try {
              channel.sendWindowChange(size.columns(), size.rows());
            } catch (IOException closing) {
              // the channel is closing: the next size no longer matters
            }
          });
    } catch (IllegalArgumentException unsupported) {
      // not a Unix signal on this platform
    }
  }
}
