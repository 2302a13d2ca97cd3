package dev.outpost.agent.ssh;

import java.util.regex.Pattern;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;
import org.apache.sshd.server.shell.ShellFactory;

/**
 * What {@code shell} and {@code exec} requests run: the login's shell, interactive or with {@code
 * -c}. scp (both {@code scp -t/-f} and rsync) arrives here as an ordinary command line and runs
 * the node's own binaries as the login, when the certificate permits file copy. A shell can still
 * print a file: file copy is about the copy protocols, as in OpenSSH and Teleport.
 */
final class SessionCommands implements ShellFactory, CommandFactory {
  static final String FILE_COPY_REFUSED = "file copy (scp, sftp, rsync) is not permitted by your roles";
  /** The servers of scp and rsync, as their clients start them: {@code scp -t}, {@code rsync --server}. */
  private static final Pattern FILE_COPY_SERVER = Pattern.compile("\\s*(?:\\S*/)?(?:scp|rsync|sftp-server)(?:\\s.*)?", Pattern.DOTALL);

  private final LoginLauncher launcher;
  private final SessionObserver observer;

  SessionCommands(LoginLauncher launcher, SessionObserver observer) {
    this.launcher = launcher;
    this.observer = observer;
  }

  static boolean isFileCopy(String commandLine) {
    return FILE_COPY_SERVER.matcher(commandLine).matches();
  }

  @Override
  public Command createShell(ChannelSession channel) {
    return new ProcessCommand("shell", null, null, launcher::shell, observer);
  }

  /** Audited as {@code exec}, or as {@code scp} with its paths when it is scp's remote end. */
  @Override
  public Command createCommand(ChannelSession channel, String commandLine) {
    String type = commandLine.startsWith("scp ") ? "scp" : "exec";
    if (isFileCopy(commandLine) && !SessionPermissions.fileCopy(channel.getSession())) {
      return ProcessCommand.refused("exec", type, commandLine, FILE_COPY_REFUSED, observer);
    }
    return new ProcessCommand("exec", type, commandLine,
        (login, environment) -> launcher.command(login, commandLine, environment), observer);
  }
}
