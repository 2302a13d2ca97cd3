package dev.outpost.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to start the agent jar as {@code agent/src/main/bin/outpost-agent} does, with the
 * small-footprint JVM flags it is measured with (see agent/README.md, "Memory", and
 * docs/performance.md). The same flags are in {@code docker/agent.Dockerfile}.
 */
public final class AgentCommand {
  private AgentCommand() {}

  public static List<String> of(Path agentJar) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return List.of(java.toString(), "-Xms12m", "-Xmx48m", "-Xmn4m", "-Xss256k", "-XX:+UseSerialGC",
        "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:-TieredCompilation",
        "-XX:ReservedCodeCacheSize=24m", "-XX:MaxMetaspaceSize=64m", "-XX:TrimNativeHeapInterval=5000",
        "-XX:+ExitOnOutOfMemoryError",
        "-jar", agentJar.toString());
  }

  /** glibc gives busy threads malloc arenas of their own; two are plenty for an agent. */
  public static Map<String, String> environment() {
    return Map.of("MALLOC_ARENA_MAX", "2");
  }
}
