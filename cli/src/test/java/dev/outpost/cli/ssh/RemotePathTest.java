package dev.outpost.cli.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RemotePathTest {

  @Test
  void aColonBeforeAnySlashNamesANode() {
    assertEquals(Optional.of(new RemotePath(new Destination("root", "node-a"), "/etc/hosts")),
        RemotePath.parse("root@node-a:/etc/hosts"));
    assertEquals(Optional.of(new RemotePath(new Destination(null, "node-a.edge"), ".")),
        RemotePath.parse("node-a.edge:"));
  }

  @Test
  void localPathsStayLocal() {
    assertEquals(Optional.empty(), RemotePath.parse("notes.txt"));
    assertEquals(Optional.empty(), RemotePath.parse("./dir/a:b"));
    assertEquals(Optional.empty(), RemotePath.parse("/tmp/x:y"));
  }

  @Test
  void refusesHostileParts() {
    assertThrows(IllegalArgumentException.class, () -> RemotePath.parse("node-a:/x\nrm -rf /"));
    assertThrows(IllegalArgumentException.class, () -> RemotePath.parse("bad host:/x"));
  }
}
