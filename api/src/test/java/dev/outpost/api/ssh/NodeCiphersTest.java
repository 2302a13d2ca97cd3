package dev.outpost.api.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeCiphersTest {

  @Test
  void prefersGcmToCtrAndNamesThemAsOpenSshDoes() {
    assertEquals(
        "aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr",
        NodeCiphers.openSshList());
  }

  /** {@code outpost config} writes the list into {@code Ciphers}: a name ssh lacks breaks it. */
  @Test
  void theInstalledOpenSshClientKnowsEveryCipherOfTheList() throws IOException, InterruptedException {
    Process query = new ProcessBuilder("ssh", "-Q", "cipher").redirectErrorStream(true).start();
    List<String> known = Arrays.asList(
        new String(query.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).split("\n"));
    assertEquals(0, query.waitFor(), "ssh -Q cipher: " + known);
    for (String cipher : NodeCiphers.openSshList().split(",")) {
      assertTrue(known.contains(cipher), cipher + " is not among ssh's ciphers " + known);
    }
  }
}
