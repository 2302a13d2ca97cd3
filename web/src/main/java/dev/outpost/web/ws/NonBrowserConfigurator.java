package dev.outpost.web.ws;

import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Tunnel endpoints serve agents and the CLI, never pages: browsers always send {@code Origin}, so
 * refusing it shuts out cross-site WebSocket hijacking without an allow-list to maintain.
 */
public class NonBrowserConfigurator extends ServerEndpointConfig.Configurator {

  @Override
  public boolean checkOrigin(String originHeaderValue) {
    return originHeaderValue == null || originHeaderValue.isEmpty();
  }
}
