package dev.outpost.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StreamTargetTest {

  @Test
  void parsesServiceAndFields() {
    StreamTarget target = StreamTarget.parse("ssh?login=root&user=alice%40corp&session=42");
    assertEquals("ssh", target.service());
    assertEquals("root", target.field("login"));
    assertEquals("alice@corp", target.field("user"));
    assertEquals("42", target.field("session"));
    assertEquals("-", target.field("missing"));
  }

  @Test
  void bareServiceHasNoFields() {
    assertEquals("ssh", StreamTarget.parse("ssh").service());
    assertEquals("kube", StreamTarget.parse("kube?x=1").service());
  }

  @Test
  void fieldsCannotForgeLogLines() {
    StreamTarget target = StreamTarget.parse("ssh?user=eve%0Afake%20line&login=" + "x".repeat(500));
    assertEquals("eve?fake line", target.field("user"));
    assertEquals(256, target.field("login").length());
  }
}
