package dev.outpost.web.terminal;

import dev.outpost.tunnel.TunnelStream;
import java.io.IOException;
import java.util.UUID;

/** Opens a stream to a node's SSH service on its agent tunnel. */
@FunctionalInterface
public interface NodeStreams {

  /** @throws IOException when the node is offline or refuses */
  TunnelStream openSsh(String node, String login, String user, UUID session) throws IOException;
}
