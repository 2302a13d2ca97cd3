package dev.outpost.client.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.client.TestPki;
import org.junit.jupiter.api.Test;

class CaPinTest {

  private static final String HEX = "0123456789abcdef".repeat(4);

  @Test
  void printsAndParsesTheSameText() {
    assertEquals("sha256:" + HEX, CaPin.parse("sha256:" + HEX).toString());
  }

  @Test
  void acceptsUpperCaseAndSurroundingBlanks() {
    assertEquals(new CaPin(HEX), CaPin.parse("  SHA256:" + HEX.toUpperCase() + "\n"));
  }

  @Test
  void refusesMalformedPins() {
    String[] malformed = {
      HEX, "sha1:" + HEX, "sha256:" + HEX.substring(2), "sha256:zz" + HEX.substring(2), ""
    };
    for (String bad : malformed) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> CaPin.parse(bad));
      assertTrue(e.getMessage().contains("sha256:"), e.getMessage());
    }
  }

  @Test
  void matchesOnlyTheCertificateItWasTakenFrom() throws Exception {
    TestPki.Issued ca = TestPki.ca("Outpost CA");
    TestPki.Issued other = TestPki.ca("Outpost CA");
    CaPin pin = CaPin.of(ca.certificate());
    assertTrue(pin.matches(ca.certificate()));
    assertFalse(pin.matches(other.certificate()));
  }
}
