package dev.outpost.cli.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.scp.server.ScpCommandFactory;

/**
 * A node's SSH server as the agent runs it: host certificate, user certificates of one user CA.
 * Commands answer {@code ran: COMMAND}, echo their stdin, write {@code err} on stderr and exit 7.
 */
final class TestSshServer implements AutoCloseable {

  static final int EXIT_STATUS = 7;

  private final SshServer sshd;

  /**
   * @param hostCertificate the host certificate, or null to present the plain host key
   */
  TestSshServer(KeyPair hostKey, OpenSshCertificate hostCertificate, PublicKey userCa)
      throws IOException {
    sshd = SshServer.setUpDefaultServer();
    sshd.setHost("127.0.0.1");
    sshd.setPort(0);
    sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    if (hostCertificate != null) {
      sshd.setHostKeyCertificateProvider(session -> List.of(hostCertificate));
    }
    sshd.setPublickeyAuthenticator(
        (user, key, session) ->
            key instanceof OpenSshCertificate certificate
                && certificate.getType() == OpenSshCertificate.Type.USER
                && KeyUtils.compareKeys(certificate.getCaPubKey(), userCa)
                && certificate.getPrincipals().contains(user));
    sshd.setCommandFactory((channel, command) -> new EchoCommand("ran: " + command));
    sshd.setShellFactory(channel -> new EchoCommand("shell"));
    sshd.start();
  }

  int port() {
    return sshd.getPort();
  }

  /** From now on, commands are SCP transfers within {@code root}, as a node's {@code scp} runs. */
  void serveScp(Path root) {
    sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
    sshd.setCommandFactory(new ScpCommandFactory());
  }

  @Override
  public void close() throws IOException {
    sshd.stop(true);
  }

  private static final class EchoCommand implements Command {
    private final String greeting;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;

    EchoCommand(String greeting) {
      this.greeting = greeting;
    }

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
      this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment environment) {
      Thread worker = new Thread(this::run, "echo-command");
      worker.setDaemon(true);
      worker.start();
    }

    private void run() {
      try {
        ByteArrayOutputStream stdin = new ByteArrayOutputStream();
        in.transferTo(stdin);
        out.write(
            (greeting + "\nstdin: " + stdin.toString(StandardCharsets.UTF_8) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
        err.write("err\n".getBytes(StandardCharsets.UTF_8));
        err.flush();
        exit.onExit(EXIT_STATUS);
      } catch (IOException e) {
        exit.onExit(1, e.toString());
      }
    }

    @Override
    public void destroy(ChannelSession channel) {}
  }
}
