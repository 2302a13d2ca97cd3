package dev.outpost.bench.setup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Stock {@code ssh} with a user's {@code outpost config} block as its whole configuration, to a
 * node's address in it ({@code NODE.CLUSTER}): the {@code ProxyCommand} there dials the proxy.
 *
 * @param name how the path is named in the results
 * @param sshConfig the file {@code outpost config} wrote
 * @param host the node's address, such as {@code bench-node.leaf}
 */
public record ConfiguredSsh(String name, Path sshConfig, String host) implements SshPath {

  @Override
  public List<String> ssh(List<String> options, String remoteCommand) {
    List<String> command = new ArrayList<>(List.of("ssh", "-F", sshConfig.toString(), "-T", "-o", "BatchMode=yes"));
    command.addAll(options);
    command.addAll(List.of("root@" + host, remoteCommand));
    return command;
  }
}
