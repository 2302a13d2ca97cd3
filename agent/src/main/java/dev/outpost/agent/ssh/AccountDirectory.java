package dev.outpost.agent.ssh;

import java.io.IOException;
import java.util.Optional;

/** Where OS accounts are looked up; {@link SystemAccounts} on a node, a table in tests. */
@FunctionalInterface
public interface AccountDirectory {

  /** The account named {@code login}, or empty when the node has none. */
  Optional<Account> find(String login) throws IOException;
}
