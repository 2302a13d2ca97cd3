package dev.outpost.agent.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The OS user the agent runs as. Root may start sessions as any login; anyone else only as
 * itself, since switching users needs privileges.
 *
 * @param name login name
 * @param root whether the effective uid is 0
 */
public record AgentUser(String name, boolean root) {

  /** The user of this process (effective uid from {@code /proc/self}, the login name from Java). */
  public static AgentUser current() {
    boolean root;
    try {
      root = ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      root = "root".equals(System.getProperty("user.name"));
    }
    return new AgentUser(System.getProperty("user.name"), root);
  }
}
