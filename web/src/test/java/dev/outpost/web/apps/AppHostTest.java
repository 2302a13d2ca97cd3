package dev.outpost.web.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppHostTest {
  private static final AppHost HOST = new AppHost("proxy.example.com", 443);

  @ParameterizedTest
  @CsvSource(nullValues = "none", value = {
      "grafana.proxy.example.com, grafana",
      "GRAFANA.Proxy.Example.com:443, grafana",
      "grafana.proxy.example.com., grafana",
      "proxy.example.com, none",
      "a.b.proxy.example.com, none",
      "grafana.proxy.example.com.evil.net, none",
      "grafanaproxy.example.com, none",
      "-x.proxy.example.com, none",
      "10.0.0.1:443, none",
      "none, none"})
  void namesTheAppOnlyForOneLabelBelowTheDomain(String header, String app) {
    assertEquals(Optional.ofNullable(app), HOST.appOf(header));
  }

  @ParameterizedTest
  @CsvSource({"443, https://grafana.proxy.example.com, https://proxy.example.com",
      "8443, https://grafana.proxy.example.com:8443, https://proxy.example.com:8443"})
  void buildsOriginsWithThePortOnlyWhenNeeded(int port, String app, String console) {
    AppHost host = new AppHost("proxy.example.com", port);
    assertEquals(app, host.origin("grafana"));
    assertEquals(console, host.consoleOrigin());
  }
}
