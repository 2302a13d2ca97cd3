package dev.outpost.web.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppHostTest {
  private static final AppHost HOST = new AppHost("proxy.example.com", 443);

  @ParameterizedTest
  @CsvSource(nullValues = "none", value = {
      "grafana.proxy.example.com, grafana",
      "grafana--depot.proxy.example.com, grafana--depot",
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
  @CsvSource(nullValues = "none", value = {
      "grafana, none, none",
      "grafana--depot, grafana, depot",
      "grafana--depot--2, grafana, depot--2",
      "--depot, none, none",
      "grafana--, none, none"})
  void aLabelWithTwoDashesNamesAnAppOfALeaf(String label, String app, String leaf) {
    assertEquals(Optional.ofNullable(app).map(a -> new AppHost.LeafApp(a, leaf)),
        AppHost.leafApp(label));
  }

  @Test
  void appNamesHaveNoTwoDashesAndLeafLabelsFitOneLabel() {
    assertFalse(AppHost.isAppName("graf--ana"));
    assertEquals(Optional.of("grafana--depot"), new AppHost.LeafApp("grafana", "depot").label());
    assertEquals(Optional.empty(), new AppHost.LeafApp("a".repeat(40), "b".repeat(30)).label());
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
