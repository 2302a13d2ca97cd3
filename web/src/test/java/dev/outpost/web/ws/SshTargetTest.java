package dev.outpost.web.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SshTargetTest {

  @Test
  void aClientThatCanResumeSaysSoAfterThePort() {
    assertEquals(new SshTarget("root", "edge-1", null, 22, false),
        SshTarget.parse("ssh:root@edge-1:22"));
    assertEquals(new SshTarget("root", "edge-1", "prod", 22, true),
        SshTarget.parse("ssh:root@edge-1.prod:22?end-to-end"));
  }

  @Test
  void anythingElseAfterThePortIsRefused() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> SshTarget.parse("ssh:root@edge-1:22?key=00"));
    assertEquals("malformed target 'ssh:root@edge-1:22?key=00': expected "
        + "ssh:LOGIN@NODE[.CLUSTER]:PORT", refused.getMessage());
  }
}
