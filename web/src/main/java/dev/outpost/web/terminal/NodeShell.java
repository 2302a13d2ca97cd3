package dev.outpost.web.terminal;

import dev.outpost.tunnel.LoopbackBridge;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.session.ClientSession;

/** A login shell on a node, on a PTY, as a byte pipe both ways plus window changes. */
public final class NodeShell implements AutoCloseable {

  private final LoopbackBridge bridge;
  private final ClientSession session;
  private final ChannelShell channel;

  NodeShell(LoopbackBridge bridge, ClientSession session, ChannelShell channel) {
    this.bridge = bridge;
    this.session = session;
    this.channel = channel;
  }

  /** What the user types, to the shell. */
  public OutputStream input() {
    return channel.getInvertedIn();
  }

  /** What the shell prints (stdout and stderr, as a terminal shows them); ends with the shell. */
  public InputStream output() {
    return channel.getInvertedOut();
  }

  public void resize(TerminalSize size) throws IOException {
    channel.sendWindowChange(size.cols(), size.rows());
  }

  /** The shell's exit status, once it has exited. */
  public Optional<Integer> exitStatus() {
    return Optional.ofNullable(channel.getExitStatus());
  }

  /** Why the connection to the node broke, if it did. */
  public Optional<String> failure() {
    return bridge.failure();
  }

  @Override
  public void close() {
    channel.close(true);
    session.close(true);
    bridge.close();
  }
}
