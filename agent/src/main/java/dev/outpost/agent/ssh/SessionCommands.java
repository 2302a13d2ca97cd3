package dev.outpost.agent.ssh;

import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;
import org.apache.sshd.server.shell.ShellFactory;

/**
 * What {@code shell} and {@code exec} requests run: the login's shell, interactive or with {@code
 * -c}. scp (both {@code scp -t/-f} and rsync) arrives here as an ordinary command line and runs
 * the node's own binaries as the login.
 */
final class SessionCommands implements ShellFactory, CommandFactory {
  private final LoginLauncher launcher;
  private final SessionObserver observer;

  SessionCommands(LoginLauncher launcher, SessionObserver observer) {
    this.launcher = launcher;
    this.observer = observer;
  }

  @Override
  public Command createShell(ChannelSession channel) {
    return new ProcessCommand("shell", null, null, launcher::shell, observer);
  }

  /** Audited as {@code exec}, or as {@code scp} with its paths when it is scp's remote end. */
  @Override
  public Command createCommand(ChannelSession channel, String commandLine) {
    String type = commandLine.startsWith("scp ") ? "scp" : "exec";
    return new ProcessCommand("exec", type, commandLine,
        (login, environment) -> launcher.command(login, commandLine, environment), observer);
  }
}
