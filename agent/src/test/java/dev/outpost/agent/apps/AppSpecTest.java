package dev.outpost.agent.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppSpecTest {

  @Test
  void parsesNameUpstreamAndLabels() {
    AppSpec app = AppSpec.parse("grafana=http://127.0.0.1:3000/,team=ops,env=edge");
    assertEquals("grafana", app.name());
    assertEquals(URI.create("http://127.0.0.1:3000"), app.upstream());
    assertEquals("127.0.0.1:3000", app.authority());
    assertEquals(Map.of("team", "ops", "env", "edge"), app.labels());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "grafana|must be NAME=http://HOST:PORT",
      "Grafana=http://127.0.0.1:1|must be a DNS label",
      "graf--ana=http://127.0.0.1:1|without '--'",
      "g=https://127.0.0.1:1|upstream must be http://HOST:PORT",
      "g=http://127.0.0.1|upstream must be http://HOST:PORT",
      "g=http://user@127.0.0.1:1|upstream must be http://HOST:PORT",
      "g=http://127.0.0.1:1/sub|upstream must be http://HOST:PORT",
      "g=http://127.0.0.1:1?x|upstream must be http://HOST:PORT",
      "g=http://127.0.0.1:1,team|label 'team' must be key=value"})
  void explainsWhatIsWrong(String option, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AppSpec.parse(option));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
