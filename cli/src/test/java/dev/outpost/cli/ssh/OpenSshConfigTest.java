package dev.outpost.cli.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.cli.profile.OutpostHome;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenSshConfigTest {

  private static final List<String> LAUNCHER =
      List.of("/opt/jdk/bin/java", "-jar", "/opt/outpost/outpost.jar");

  @Test
  void rendersTheBlockForTheDefaultHome() {
    OutpostHome home = new OutpostHome(Path.of("/home/alice/.outpost"), true);
    assertEquals(
        String.join(
            "\n",
            "# Outpost cluster edge through proxy.example.com:443, written by 'outpost config'.",
            "# Append to ~/.ssh/config, then: ssh LOGIN@NODE.edge",
            "Host *.edge",
            "    CertificateFile /home/alice/.outpost/key-cert.pub",
            "    IdentityFile /home/alice/.outpost/key",
            "    IdentitiesOnly yes",
            "    UserKnownHostsFile /home/alice/.outpost/known_hosts",
            "    StrictHostKeyChecking yes",
            "    Ciphers aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr",
            "    ProxyCommand /opt/jdk/bin/java -jar /opt/outpost/outpost.jar proxy ssh %r@%h:%p",
            ""),
        OpenSshConfig.render("edge", "proxy.example.com:443", home, LAUNCHER, List.of()));
  }

  @Test
  void namesAnOtherHomeInTheProxyCommand() {
    OutpostHome home = new OutpostHome(Path.of("/tmp/ci/outpost"), false);
    String config = OpenSshConfig.render("edge", "localhost:8443", home, LAUNCHER, List.of());
    assertTrue(
        config.contains(
            "    ProxyCommand /opt/jdk/bin/java -jar /opt/outpost/outpost.jar"
                + " --home=/tmp/ci/outpost proxy ssh %r@%h:%p\n"),
        config);
    assertTrue(config.contains("    IdentityFile /tmp/ci/outpost/key\n"), config);
  }

  @Test
  void leafClustersShareTheHostBlockWithTheirOwnKnownHosts() {
    OutpostHome home = new OutpostHome(Path.of("/home/alice/.outpost"), false);
    String config = OpenSshConfig.render("root", "proxy:443", home, LAUNCHER, List.of("leaf", "depot"));
    assertTrue(config.contains("Host *.root *.leaf *.depot\n"), config);
    assertTrue(config.contains("    UserKnownHostsFile /home/alice/.outpost/known_hosts "
        + "/home/alice/.outpost/known_hosts.leaves\n"), config);
  }

  @Test
  void quotesBlanksAndEscapesPercentSigns() {
    OutpostHome home = new OutpostHome(Path.of("/home/a b/100%/.outpost"), false);
    String config =
        OpenSshConfig.render(
            "edge",
            "localhost:8443",
            home,
            List.of("/opt/my jdk/bin/java", "-jar", "/x/outpost.jar"), List.of());
    assertTrue(config.contains("    IdentityFile \"/home/a b/100%%/.outpost/key\"\n"), config);
    assertTrue(
        config.contains(
            "    ProxyCommand '/opt/my jdk/bin/java' -jar /x/outpost.jar '--home=/home/a"
                + " b/100%%/.outpost' proxy ssh %r@%h:%p\n"),
        config);
  }
}
