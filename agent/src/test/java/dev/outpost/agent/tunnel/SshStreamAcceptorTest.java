package dev.outpost.agent.tunnel;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.tunnel.StreamRefusedException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SshStreamAcceptorTest {
  private final SshStreamAcceptor acceptor = new SshStreamAcceptor(new LoopbackSshLink(new InetSocketAddress("127.0.0.1", 22)));

  @Test
  void acceptsSshTargets() throws Exception {
    assertNotNull(acceptor.accept("ssh?login=root&user=alice&session=1"));
    assertNotNull(acceptor.accept("ssh"));
  }

  @Test
  void refusesOtherServicesWithTheReason() {
    StreamRefusedException refused =
        assertThrows(StreamRefusedException.class, () -> acceptor.accept("kube?cluster=x"));
    assertTrue(refused.getMessage().contains("only ssh"), refused.getMessage());
    assertThrows(StreamRefusedException.class, () -> acceptor.accept("sshx"));
  }
}
