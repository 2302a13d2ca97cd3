package dev.outpost.agent.ssh;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A process to start for a session: the command line, its complete environment (nothing is
 * inherited from the agent) and its working directory.
 */
public record Launch(List<String> command, Map<String, String> environment, Path directory) {

  public Launch {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
  }
}
