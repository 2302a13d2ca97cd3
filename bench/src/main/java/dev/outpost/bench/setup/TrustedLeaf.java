package dev.outpost.bench.setup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.launcher.AdminSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A leaf cluster with a node, joined to a root cluster, and the two ways to that node: a leaf
 * user through the leaf's proxy alone, and a root user through root → leaf → node. The leaf's
 * admin joins with a {@code trusted_cluster} token of the root's, mapping root role {@value
 * #ROOT_ROLE} to leaf role {@value #LEAF_ROLE}; the root's admin gets {@value #ROOT_ROLE}.
 */
public final class TrustedLeaf implements AutoCloseable {
  public static final String ROOT_ROLE = "leaf-ops";
  public static final String LEAF_ROLE = "bench-ops";
  private static final String ALLOW_EVERY_NODE_AS_ROOT = "  logins: [root]\n  node_labels: {'*': '*'}\n";
  private static final Duration ONLINE_TIMEOUT = Duration.ofSeconds(120);

  private final TunnelPath leafPath;
  private final ConfiguredSsh rootPath;

  private TrustedLeaf(TunnelPath leafPath, ConfiguredSsh rootPath) {
    this.leafPath = leafPath;
    this.rootPath = rootPath;
  }

  /**
   * Starts an agent on the leaf, joins the leaf to the root and waits until the root lists it
   * online, then writes the root user's {@code ssh} configuration, which names the leaf.
   *
   * @param dir where the CLI homes, the agent and the {@code ssh} configurations go
   */
  public static TrustedLeaf join(BenchCluster root, BenchCluster leaf, Path dir) {
    Path project = root.layout().root();
    OutpostCli leafAdmin = new OutpostCli(project, dir.resolve("leaf-cli-home"));
    leafAdmin.login(leaf.proxy(), leaf.adminPassword());
    AdminSession leafSession = leaf.adminSession();
    TunnelPath leafPath = TunnelPath.start(leafAdmin, leaf, leafSession, dir.resolve("leaf-side"), List.of());
    try {
      OutpostCli rootAdmin = new OutpostCli(project, dir.resolve("root-cli-home"));
      rootAdmin.login(root.proxy(), root.adminPassword());
      JsonNode token = rootAdmin.json("admin", "tokens", "add", "--type=trusted_cluster", "--ttl=30m", "--format=json");
      leafAdmin.createRole(dir, LEAF_ROLE, ALLOW_EVERY_NODE_AS_ROOT);
      leafAdmin.run("admin", "clusters", "join", "--proxy=" + root.proxy(),
          "--token=" + token.get("token").asText(), "--ca-pin=" + token.get("ca_pin").asText(),
          "--role-map=" + ROOT_ROLE + "=" + LEAF_ROLE);
      rootAdmin.grantAdmin(root.proxy(), root.adminPassword(), dir, ROOT_ROLE, ALLOW_EVERY_NODE_AS_ROOT);
      awaitOnline(rootAdmin, leaf);
      Path sshConfig = write(dir.resolve("root-ssh_config"), rootAdmin.run("config"));
      return new TrustedLeaf(leafPath,
          new ConfiguredSsh("root → leaf → node", sshConfig, TunnelPath.NODE + "." + leaf.name()));
    } catch (RuntimeException e) {
      leafPath.close();
      throw e;
    }
  }

  /** A leaf user (the leaf's admin) through the leaf's proxy to the node. */
  public SshPath leafPath() {
    return leafPath;
  }

  /** A root user (the root's admin, with {@value #ROOT_ROLE}) through root → leaf → node. */
  public SshPath rootPath() {
    return rootPath;
  }

  public long agentPid() {
    return leafPath.agentPid();
  }

  @Override
  public void close() {
    leafPath.close();
  }

  private static Path write(Path file, String text) {
    try {
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void awaitOnline(OutpostCli rootAdmin, BenchCluster leaf) {
    Instant deadline = Instant.now().plus(ONLINE_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      for (JsonNode cluster : rootAdmin.json("clusters", "--format=json")) {
        if (leaf.name().equals(cluster.get("name").asText()) && cluster.get("online").asBoolean()) {
          return;
        }
      }
      Pause.of(Duration.ofSeconds(1));
    }
    throw new IllegalStateException("the root does not list leaf " + leaf.name() + " online within "
        + ONLINE_TIMEOUT + "; see " + leaf.serverLog());
  }
}
