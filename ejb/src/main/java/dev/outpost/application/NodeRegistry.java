package dev.outpost.application;

import dev.outpost.config.OutpostConfig;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.node.LinkEvent;
import dev.outpost.domain.node.Node;
import dev.outpost.domain.node.NodeRepository;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tunnel state of nodes, as the proxy's tunnel endpoint reports it. Each connection has an id, so
 * that the late close of a replaced tunnel does not take the node offline.
 */
@Stateless
public class NodeRegistry {

  @Inject
  private NodeRepository nodes;

  @Inject
  private OutpostConfig config;

  @EJB
  private AuditLog audit;

  /**
   * Applies link events of this proxy's tunnels in the order they happened, in one transaction.
   * Their audit events are recorded once the rows are written, so that a conflicting update leaves
   * nothing audited; events of nodes removed meanwhile are dropped.
   */
  public void apply(List<LinkEvent> events) {
    // One indexed read per node: an IN list over (cluster, name) makes H2 scan the cluster's rows.
    Map<String, Optional<Node>> rows = new HashMap<>();
    List<AuditRecord> audited = new ArrayList<>();
    for (LinkEvent event : events) {
      rows.computeIfAbsent(event.node(), name -> nodes.find(config.clusterName(), name))
          .flatMap(node -> event.applyTo(node, config.proxyInstance()))
          .ifPresent(audited::add);
    }
    nodes.flush();
    audit.recordAll(audited);
  }

  /**
   * These nodes' tunnels are open and last received a frame at the times given: one transaction
   * for all of them, one statement each, none loaded (thousands of nodes beat together).
   */
  public void heartbeat(Map<String, Instant> lastHeard) {
    lastHeard.forEach((name, heard) -> nodes.seen(config.clusterName(), name, heard));
  }

  /** This proxy started: the tunnels it served before it went down are gone. */
  public void proxyStarted() {
    for (Node node : nodes.list(config.clusterName())) {
      if (node.tunnelLostWith(config.proxyInstance())) {
        audit.record(AuditRecord.success(AuditEventType.NODE_OFFLINE).actor(node.name())
            .node(node.name()).message("proxy " + config.proxyInstance() + " restarted"));
      }
    }
  }
}
