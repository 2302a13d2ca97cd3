package dev.outpost.agent.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.subsystem.SubsystemFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * The {@code sftp} subsystem. The node's OpenSSH {@code sftp-server} runs as the login, so file
 * access is the OS's own decision. Without that binary, MINA's in-process SFTP server stands in,
 * but only when the login is the agent's own user: it acts with the agent's privileges.
 */
final class SftpSubsystem implements SubsystemFactory {
  static final List<Path> SFTP_SERVER_LOCATIONS =
      Stream.of(
              "/usr/lib/openssh/sftp-server",
              "/usr/libexec/openssh/sftp-server",
              "/usr/libexec/sftp-server",
              "/usr/lib/ssh/sftp-server",
              "/usr/lib/sftp-server")
          .map(Path::of)
          .toList();

  private final LoginLauncher launcher;
  private final Supplier<Optional<Path>> sftpServer;
  private final SessionObserver observer;
  private final SftpSubsystemFactory builtin = new SftpSubsystemFactory();

  /**
   * @param sftpServer finds the sftp-server binary; asked per session so that installing OpenSSH
   *     later needs no agent restart
   */
  SftpSubsystem(LoginLauncher launcher, Supplier<Optional<Path>> sftpServer,
      SessionObserver observer) {
    this.launcher = launcher;
    this.observer = observer;
    this.sftpServer = sftpServer;
  }

  static Optional<Path> findSftpServer() {
    return SFTP_SERVER_LOCATIONS.stream().filter(Files::isExecutable).findFirst();
  }

  @Override
  public String getName() {
    return SftpSubsystemFactory.NAME;
  }

  @Override
  public Command createSubsystem(ChannelSession channel) throws IOException {
    if (!SessionPermissions.fileCopy(channel.getSession())) {
      return ProcessCommand.refused(
          "sftp", "sftp", null, SessionCommands.FILE_COPY_REFUSED, observer);
    }
    Optional<Path> binary = sftpServer.get();
    if (binary.isPresent()) {
      String program = binary.get().toString();
      return new ProcessCommand("sftp", "sftp", program,
          (login, environment) -> launcher.program(login, program, environment), observer);
    }
    if (launcher.isAgentUser(channel.getSession().getUsername())) {
      return builtin.createSubsystem(channel);
    }
    return ProcessCommand.refused("sftp", "sftp", null,
        "no sftp-server on this node; install OpenSSH's sftp-server or use scp -O", observer);
  }
}
