package dev.outpost.web.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class TerminalProtocolTest {

  @Test
  void parsesTheThreeClientMessages() {
    ClientMessage.Data data = assertInstanceOf(ClientMessage.Data.class,
        TerminalProtocol.parse("{\"v\":1,\"type\":\"data\",\"data\":\"ls -l\\r\\u00e9\"}"));
    assertEquals("ls -l\r\u00e9", data.data());
    ClientMessage.Resize resize = assertInstanceOf(ClientMessage.Resize.class,
        TerminalProtocol.parse("{\"v\":1,\"type\":\"resize\",\"cols\":132,\"rows\":43}"));
    assertEquals(new TerminalSize(132, 43), resize.size());
    assertInstanceOf(ClientMessage.Close.class, TerminalProtocol.parse("{\"v\":1,\"type\":\"close\"}"));
  }

  @Test
  void refusesMalformedMessagesWithAPreciseReason() {
    String[][] cases = {
        {"not json", "not a JSON object"},
        {"[1,2]", "not a JSON object"},
        {"{\"type\":\"data\",\"data\":\"x\"}", "field 'v' must be an integer"},
        {"{\"v\":2,\"type\":\"data\",\"data\":\"x\"}", "protocol version 2 is not supported"},
        {"{\"v\":1,\"type\":\"data\",\"data\":5}", "field 'data' must be a string"},
        {"{\"v\":1,\"type\":\"resize\",\"cols\":0,\"rows\":24}", "out of range"},
        {"{\"v\":1,\"type\":\"resize\",\"cols\":1.5,\"rows\":24}", "field 'cols' must be an integer"},
        {"{\"v\":1,\"type\":\"resize\",\"cols\":99999999999,\"rows\":24}", "field 'cols' is out of range"},
        {"{\"v\":1,\"type\":\"exec\\u001b[31m\"}", "unknown message type 'exec?[31m'"},
    };
    for (String[] c : cases) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> TerminalProtocol.parse(c[0]), c[0]);
      assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
    }
  }

  @Test
  void refusesMessagesOverTheLimitBeforeParsing() {
    String huge = "{\"v\":1,\"type\":\"data\",\"data\":\"" + "x".repeat(TerminalProtocol.MAX_MESSAGE) + "\"}";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TerminalProtocol.parse(huge));
    assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
  }

  @Test
  void serverMessagesCarryVersionAndTypeAndEscapeTheirText() {
    UUID session = UUID.randomUUID();
    assertEquals("{\"v\":1,\"type\":\"ready\",\"session\":\"" + session
        + "\",\"node\":\"n1\",\"login\":\"root\"}", TerminalProtocol.ready(session, "n1", "root"));
    assertEquals("{\"v\":1,\"type\":\"data\",\"data\":\"a\\\"b\\u001b[0m\"}",
        TerminalProtocol.data("a\"b\u001b[0m"));
    assertEquals("{\"v\":1,\"type\":\"close\",\"reason\":\"shell exited with status 0\"}",
        TerminalProtocol.close("shell exited with status 0"));
    assertEquals("{\"v\":1,\"type\":\"error\",\"message\":\"node n1 is offline\"}",
        TerminalProtocol.error("node n1 is offline"));
  }
}
