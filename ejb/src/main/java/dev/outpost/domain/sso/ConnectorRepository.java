package dev.outpost.domain.sso;

import java.util.List;
import java.util.Optional;

/** Where SSO connectors are kept. */
public interface ConnectorRepository {

  Optional<StoredConnector> find(String name);

  /** All connectors, by name. */
  List<StoredConnector> list();

  void add(StoredConnector connector);

  void remove(StoredConnector connector);
}
