package dev.outpost.cli.command.admin;

import dev.outpost.api.ClusterTrustRequest;
import dev.outpost.api.RoleMapping;
import dev.outpost.api.TrustedClusterView;
import dev.outpost.cli.CliException;
import dev.outpost.cli.command.BaseCommand;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code outpost admin clusters join}: this (leaf) cluster joins a root with the root's token
 * and CA pin, and keeps a tunnel to it. Root users then reach this cluster's nodes with the roles
 * the role map gives their root roles, and nothing else.
 */
@Command(name = "join", description = "Join a root cluster as a leaf: root users reach this"
    + " cluster's nodes with the local roles the role map gives them.")
final class ClustersJoinCommand extends BaseCommand {

  @Option(names = "--proxy", required = true, paramLabel = "HOST:PORT",
      description = "The root cluster's public address.")
  String proxy;

  @Option(names = "--token", required = true, paramLabel = "TOKEN",
      description = "A trusted_cluster token of the root (outpost admin tokens add"
          + " --type=trusted_cluster on the root).")
  String token;

  @Option(names = "--ca-pin", required = true, paramLabel = "sha256:HEX",
      description = "The root's CA pin, printed with the token.")
  String caPin;

  @Option(names = "--role-map", required = true, paramLabel = "REMOTE=LOCAL[+LOCAL…]",
      description = "A rule of the role map; repeat for several. REMOTE is a root role or a"
          + " pattern ^…$ (LOCAL may use $1). A root role no rule names gets nothing here.")
  List<String> roleMap;

  @Option(names = "--forward-audit", description = "Also send this cluster's audit events to"
      + " the root, so that its admins can search them (off by default).")
  boolean forwardAudit;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    TrustedClusterView root = store().load().api().post("/api/v1/admin/clusters",
        new ClusterTrustRequest(proxy, token, caPin, mappings(), forwardAudit),
        TrustedClusterView.class);
    out().println("Joined root cluster " + root.name() + " at " + proxy
        + "; this cluster keeps a tunnel to it.");
    return OK;
  }

  private List<RoleMapping> mappings() throws CliException {
    List<RoleMapping> rules = new ArrayList<>();
    for (String rule : roleMap) {
      int equals = rule.lastIndexOf('=');
      if (equals <= 0 || equals == rule.length() - 1) {
        throw CliException.failure("--role-map " + rule + ": expected REMOTE=LOCAL[+LOCAL…]");
      }
      rules.add(new RoleMapping(rule.substring(0, equals),
          List.of(rule.substring(equals + 1).split("\\+"))));
    }
    return rules;
  }
}
