package dev.outpost.launcher;

import java.nio.file.Path;
import java.util.List;

/** How to start the agent jar with the small-footprint JVM flags it is measured with. */
public final class AgentCommand {
  private AgentCommand() {}

  public static List<String> of(Path agentJar) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return List.of(java.toString(), "-Xmx48m", "-Xss256k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-XX:ReservedCodeCacheSize=24m", "-XX:MaxMetaspaceSize=64m", "-jar", agentJar.toString());
  }
}
