package dev.outpost.application;

import dev.outpost.config.OutpostConfig;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.node.Node;
import dev.outpost.domain.node.NodeRepository;
import dev.outpost.domain.shared.OutpostException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Tunnel state of nodes, as the proxy's tunnel endpoint reports it. Each connection gets an id,
 * so that the late close of a replaced tunnel does not take the node offline.
 */
@Stateless
public class NodeRegistry {

  @Inject
  private NodeRepository nodes;

  @Inject
  private OutpostConfig config;

  @Inject
  private Clock clock;

  @EJB
  private AuditLog audit;

  /**
   * The node's agent connected through this proxy.
   *
   * @return the tunnel's id, to pass to {@link #offline}
   */
  public UUID online(String name, String remoteAddr) {
    UUID tunnel = node(name).connected(config.proxyInstance(), remoteAddr, clock.instant());
    audit.record(AuditRecord.success(AuditEventType.NODE_ONLINE).actor(name).node(name)
        .remoteAddr(remoteAddr).message("tunnel " + tunnel + " via " + config.proxyInstance()));
    return tunnel;
  }

  /**
   * These nodes' tunnels are open and last received a frame at the times given: one transaction
   * for all of them, one statement each, none loaded (thousands of nodes beat together).
   */
  public void heartbeat(Map<String, Instant> lastHeard) {
    lastHeard.forEach((name, heard) -> nodes.seen(config.clusterName(), name, heard));
  }

  /**
   * The tunnel {@code tunnelId} was lost, its streams wait for the node to come back; ignored when
   * a newer tunnel serves the node. The node was last seen {@code lastHeard}, when its tunnel last
   * received a frame.
   */
  public void reconnecting(String name, UUID tunnelId, Instant lastHeard) {
    node(name).linkLost(tunnelId, lastHeard);
  }

  /**
   * The tunnel {@code tunnelId} closed, or the sessions of its lost link stopped waiting; ignored
   * when a newer tunnel serves the node.
   */
  public void offline(String name, UUID tunnelId, String reason) {
    if (node(name).disconnected(tunnelId, clock.instant())) {
      audit.record(AuditRecord.success(AuditEventType.NODE_OFFLINE).actor(name).node(name)
          .message("tunnel " + tunnelId + " closed: " + reason));
    }
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

  private Node node(String name) {
    return nodes.find(config.clusterName(), name)
        .orElseThrow(() -> OutpostException.notFound("node " + name + " is not registered"));
  }
}
