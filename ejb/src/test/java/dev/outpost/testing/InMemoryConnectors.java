package dev.outpost.testing;

import dev.outpost.domain.sso.ConnectorRepository;
import dev.outpost.domain.sso.StoredConnector;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** SSO connectors in a map, by name. */
public final class InMemoryConnectors implements ConnectorRepository {

  private final Map<String, StoredConnector> connectors = new TreeMap<>();

  @Override
  public Optional<StoredConnector> find(String name) {
    return Optional.ofNullable(connectors.get(name));
  }

  @Override
  public List<StoredConnector> list() {
    return List.copyOf(connectors.values());
  }

  @Override
  public void add(StoredConnector connector) {
    connectors.put(connector.name(), connector);
  }

  @Override
  public void remove(StoredConnector connector) {
    connectors.remove(connector.name());
  }
}
