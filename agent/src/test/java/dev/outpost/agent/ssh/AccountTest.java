package dev.outpost.agent.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AccountTest {

  @Test
  void parsesPasswdLine() {
    assertEquals(
        new Account("pi", 1000, Path.of("/home/pi"), "/bin/bash"),
        Account.parsePasswdLine("pi:x:1000:1000:Pi,,,:/home/pi:/bin/bash"));
  }

  @Test
  void emptyShellMeansBinSh() {
    assertEquals("/bin/sh", Account.parsePasswdLine("svc:x:998:998::/srv:").shell());
  }

  @Test
  void rejectsMalformedLines() {
    assertThrows(IllegalArgumentException.class, () -> Account.parsePasswdLine("pi:x:1000"));
    assertThrows(IllegalArgumentException.class, () -> Account.parsePasswdLine("pi:x:abc:1:g:/h:/s"));
  }
}
