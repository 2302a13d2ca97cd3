package dev.outpost.application.join;

import dev.outpost.api.JoinRequest;
import dev.outpost.ca.SshKeys;
import dev.outpost.domain.node.NodeLabels;
import dev.outpost.domain.node.NodeName;
import dev.outpost.domain.shared.OutpostException;
import java.security.PublicKey;

/** A checked join request. */
public record JoinCommand(String token, NodeName name, NodeLabels labels, PublicKey hostKey) {

  private static final int MAX_TOKEN_LENGTH = 128;

  public static JoinCommand from(JoinRequest request) {
    if (request == null) {
      throw OutpostException.badRequest("join request is empty");
    }
    if (request.token() == null || request.token().isBlank()
        || request.token().length() > MAX_TOKEN_LENGTH) {
      throw OutpostException.badRequest("join token is missing");
    }
    NodeName name = new NodeName(request.name());
    NodeLabels labels = new NodeLabels(request.labels());
    try {
      return new JoinCommand(request.token().trim(), name, labels,
          SshKeys.parsePublicKey(request.publicKey()));
    } catch (IllegalArgumentException e) {
      throw OutpostException.badRequest(e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "JoinCommand[name=" + name + ", labels=" + labels + "]";
  }
}
