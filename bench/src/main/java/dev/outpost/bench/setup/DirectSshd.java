package dev.outpost.bench.setup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The baseline: the machine's own OpenSSH {@code sshd} on a free loopback port, with a host key,
 * a client key and a configuration of its own (no PAM, no strict modes), so that it touches
 * nothing of the system's SSH setup. Needs root, as any {@code sshd} that logs users in.
 */
public final class DirectSshd implements SshPath, AutoCloseable {
  private static final Path SSHD = Path.of("/usr/sbin/sshd");
  /** sshd refuses to start without its privilege separation directory, which systemd creates. */
  private static final Path PRIVSEP_DIR = Path.of("/run/sshd");

  private final Process process;
  private final Path clientKey;
  private final int port;

  private DirectSshd(Process process, Path clientKey, int port) {
    this.process = process;
    this.clientKey = clientKey;
    this.port = port;
  }

  public static boolean installed() {
    return Files.isExecutable(SSHD);
  }

  /** Starts {@code sshd -D -e} with its files in {@code dir} and waits until it listens. */
  public static DirectSshd start(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.createDirectories(PRIVSEP_DIR);
      Path hostKey = keygen(dir.resolve("host_ed25519"));
      Path clientKey = keygen(dir.resolve("client_ed25519"));
      Path authorizedKeys = Files.copy(clientKey.resolveSibling("client_ed25519.pub"), dir.resolve("authorized_keys"));
      int port = freePort();
      Path config = Files.writeString(dir.resolve("sshd_config"), String.join("\n",
          "ListenAddress 127.0.0.1:" + port,
          "HostKey " + hostKey,
          "AuthorizedKeysFile " + authorizedKeys,
          "PidFile none",
          "UsePAM no",
          "StrictModes no",
          "PermitRootLogin prohibit-password",
          "PasswordAuthentication no",
          "KbdInteractiveAuthentication no",
          ""));
      Process process = Program.spawn(List.of(SSHD.toString(), "-D", "-e", "-f", config.toString()), Map.of(),
          dir.resolve("sshd.log"));
      Ports.awaitListening(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), process);
      return new DirectSshd(process, clientKey, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The listening sshd: the per-connection processes it forks are its children. */
  public long pid() {
    return process.pid();
  }

  @Override
  public String name() {
    return "direct";
  }

  @Override
  public List<String> ssh(List<String> options, String remoteCommand) {
    List<String> command = new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-T", "-o", "BatchMode=yes",
        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
        "-o", "IdentitiesOnly=yes", "-i", clientKey.toString(), "-p", Integer.toString(port)));
    command.addAll(options);
    command.addAll(List.of("root@127.0.0.1", remoteCommand));
    return command;
  }

  @Override
  public void close() {
    process.destroy();
  }

  private static Path keygen(Path file) {
    Program.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", file.toString()));
    return file;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
