package dev.outpost.client.tunnel;

import dev.outpost.tunnel.EndToEndPoint;
import dev.outpost.tunnel.StreamRefusedException;
import dev.outpost.tunnel.Tunnel;
import dev.outpost.tunnel.TunnelStream;
import java.util.concurrent.CompletableFuture;

/** A tunnel that is open until the test (or the supervisor) closes it. */
final class FakeTunnel implements Tunnel {
  private final CompletableFuture<String> closed = new CompletableFuture<>();

  @Override
  public TunnelStream open(String target) throws StreamRefusedException {
    throw new StreamRefusedException("not in this test");
  }

  @Override
  public TunnelStream openResumed(String target, EndToEndPoint point)
      throws StreamRefusedException {
    return open(target);
  }

  @Override
  public String peerIdentity() {
    return "proxy";
  }

  @Override
  public boolean isOpen() {
    return !closed.isDone();
  }

  @Override
  public CompletableFuture<String> closed() {
    return closed;
  }

  @Override
  public void close(String reason) {
    closed.complete(reason);
  }

  String closeReason() {
    return closed.getNow(null);
  }
}
