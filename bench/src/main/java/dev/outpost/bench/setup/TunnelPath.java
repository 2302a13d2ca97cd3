package dev.outpost.bench.setup;

import com.fasterxml.jackson.databind.JsonNode;
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

  private final Process agent;
  private final ConfiguredSsh ssh;

  private TunnelPath(Process agent, ConfiguredSsh ssh) {
    this.agent = agent;
    this.ssh = ssh;
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
    return start(cli, cluster, admin, dir, agentOptions);
  }

  /**
   * As {@link #start(BenchCluster, AdminSession, Path, List)}, with {@code cli} logged in as the
   * cluster's bootstrap admin: it makes the agent's token and the {@code ssh} configuration.
   */
  static TunnelPath start(OutpostCli cli, BenchCluster cluster, AdminSession admin, Path dir,
      List<String> agentOptions) {
    JsonNode token = cli.json("admin", "tokens", "add", "--type=node", "--format=json");
    List<String> command = new ArrayList<>(AgentCommand.of(cluster.layout().agentJar()));
    command.addAll(List.of("start", "--proxy=" + cluster.proxy(), "--token=" + token.get("token").asText(),
        "--ca-pin=" + token.get("ca_pin").asText(), "--name=" + NODE, "--labels=env=bench",
        "--data-dir=" + dir.resolve("agent")));
    command.addAll(agentOptions);
    Path log = dir.resolve("agent.log");
    Process agent = Program.spawn(command, AgentCommand.environment(), log);
    awaitOnline(admin, agent, log);
    try {
      Path sshConfig = Files.writeString(dir.resolve("ssh_config"), cli.run("config"));
      return new TunnelPath(agent, new ConfiguredSsh("tunnel", sshConfig, NODE + "." + cluster.name()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String name() {
    return ssh.name();
  }

  @Override
  public List<String> ssh(List<String> options, String remoteCommand) {
    return ssh.ssh(options, remoteCommand);
  }

  /** The agent JVM's process id, whose resident memory the benchmark reads. */
  public long agentPid() {
    return agent.pid();
  }

  @Override
  public void close() {
    agent.destroy();
  }

  private static void awaitOnline(AdminSession admin, Process agent, Path log) {
    Instant deadline = Instant.now().plus(ONLINE_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!agent.isAlive()) {
        throw new IllegalStateException("the agent exited with " + agent.exitValue() + "; see " + log);
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
    throw new IllegalStateException("node " + NODE + " not online within " + ONLINE_TIMEOUT + "; see " + log);
  }
}
