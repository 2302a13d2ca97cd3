package dev.outpost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessNetworkTest {

  @Test
  void onTheHostACommandRunsAsItIs() {
    assertEquals(List.of("asadmin", "start-domain"), ProcessNetwork.HOST.command(List.of("asadmin", "start-domain")));
  }

  @Test
  void inANamespaceACommandRunsThroughIpNetnsExec() {
    assertEquals(List.of("ip", "netns", "exec", "opst-leaf", "asadmin", "start-domain"),
        ProcessNetwork.namespace("opst-leaf").command(List.of("asadmin", "start-domain")));
  }

  @Test
  void aNamespaceNameIsOneWordThatIsNoOption() {
    assertThrows(IllegalArgumentException.class, () -> ProcessNetwork.namespace("leaf; reboot"));
    assertThrows(IllegalArgumentException.class, () -> ProcessNetwork.namespace("-all"));
    assertThrows(IllegalArgumentException.class, () -> ProcessNetwork.namespace(""));
  }
}
