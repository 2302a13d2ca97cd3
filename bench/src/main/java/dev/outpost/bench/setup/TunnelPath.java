package dev.outpost.bench.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.client.http.ApiException;
import dev.outpost.launcher.AdminSession;
import dev.outpost.launcher.AgentCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The path under test: stock {@code ssh} with the {@code outpost config} block, whose {@code
 * ProxyCommand} ({@code outpost proxy ssh}) dials the proxy, which relays to the agent's reverse
 * tunnel and on to its built-in SSH server. The agent runs on this machine as root, started with
 * the launcher's {@link AgentCommand}, so that its memory is measured with the flags it ships with.
 */
public final class TunnelPath implements SshPath, AutoCloseable {
  public static final String NODE = "bench-node";
  private static final Duration ONLINE_TIMEOUT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process agent;
  private final Path sshConfig;

  private TunnelPath(Process agent, Path sshConfig) {
    this.agent = agent;
    this.sshConfig = sshConfig;
  }

  /** Logs in with the CLI, joins an agent with a fresh token, waits until it is online. */
  public static TunnelPath start(BenchCluster cluster, AdminSession admin, Path dir) {
    return start(cluster, admin, dir, List.of());
  }

  /** As {@link #start(BenchCluster, AdminSession, Path)}, with further agent options. */
  public static TunnelPath start(BenchCluster cluster, AdminSession admin, Path dir,
      List<String> agentOptions) {
    OutpostCli cli = new OutpostCli(cluster.layout().root(), dir.resolve("cli-home"));
    cli.login(cluster.proxy(), cluster.adminPassword());
    JsonNode token = json(cli.run("admin", "tokens", "add", "--type=node", "--format=json"));
    List<String> command = new ArrayList<>(AgentCommand.of(cluster.layout().agentJar()));
    command.addAll(List.of("start", "--proxy=" + cluster.proxy(), "--token=" + token.get("token").asText(),
        "--ca-pin=" + token.get("ca_pin").asText(), "--name=" + NODE, "--labels=env=bench",
        "--data-dir=" + dir.resolve("agent")));
    command.addAll(agentOptions);
    Process agent = Program.spawn(command, AgentCommand.environment(), dir.resolve("agent.log"));
    awaitOnline(admin, agent);
    try {
      Path sshConfig = Files.writeString(dir.resolve("ssh_config"), cli.run("config"));
      return new TunnelPath(agent, sshConfig);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String name() {
    return "tunnel";
  }

  @Override
  public List<String> ssh(List<String> options, String remoteCommand) {
    List<String> command = new ArrayList<>(List.of("ssh", "-F", sshConfig.toString(), "-T", "-o", "BatchMode=yes"));
    command.addAll(options);
    command.addAll(List.of("root@" + NODE + "." + BenchCluster.CLUSTER_NAME, remoteCommand));
    return command;
  }

  /** The agent JVM's process id, whose resident memory the benchmark reads. */
  public long agentPid() {
    return agent.pid();
  }

  @Override
  public void close() {
    agent.destroy();
  }

  private static void awaitOnline(AdminSession admin, Process agent) {
    Instant deadline = Instant.now().plus(ONLINE_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!agent.isAlive()) {
        throw new IllegalStateException("the agent exited with " + agent.exitValue() + "; see target/bench/agent.log");
      }
      try {
        if (admin.nodes().stream().anyMatch(node -> NODE.equals(node.name()) && node.online())) {
          return;
        }
      } catch (IOException | ApiException e) {
        throw new IllegalStateException("cannot list nodes: " + e.getMessage(), e);
      }
      Pause.of(Duration.ofMillis(500));
    }
    throw new IllegalStateException("node " + NODE + " not online within " + ONLINE_TIMEOUT);
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + text, e);
    }
  }
}
