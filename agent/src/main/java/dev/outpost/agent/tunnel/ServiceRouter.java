package dev.outpost.agent.tunnel;

import dev.outpost.tunnel.StreamTarget;
import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.StreamRefusedException;
import java.util.Map;

/**
 * Hands each stream the proxy opens to the acceptor of its service (the part of the target before
 * {@code ?}: {@code ssh}, {@code app}, {@code apps}); any other service is refused.
 */
public final class ServiceRouter implements StreamAcceptor {
  private final Map<String, StreamAcceptor> services;

  public ServiceRouter(Map<String, StreamAcceptor> services) {
    this.services = Map.copyOf(services);
  }

  @Override
  public StreamHandler accept(String target) throws StreamRefusedException {
    String service = StreamTarget.parse(target).service();
    StreamAcceptor acceptor = services.get(service);
    if (acceptor == null) {
      throw new StreamRefusedException("this agent serves no '" + service + "' streams");
    }
    return acceptor.accept(target);
  }
}
