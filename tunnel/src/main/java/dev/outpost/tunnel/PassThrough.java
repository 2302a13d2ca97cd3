package dev.outpost.tunnel;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One direction of a relay between two tunnel streams ({@link Splice#relay}): each DATA payload
 * received on one stream leaves on the other as it came, in its own message behind a header
 * written over the one it arrived with, so the relay copies no byte; and the sending peer is
 * credited only as the far peer consumes, so it keeps every byte the far peer has not consumed
 * for a replay (docs/tunnel.md, "End-to-end resume").
 */
final class PassThrough implements Splice.Direction {
  private final StreamInput from;
  private final StreamOutput to;

  /** Passes {@code from}'s bytes to {@code to}; {@code from}'s peer is credited from now on. */
  PassThrough(MultiplexedStream from, MultiplexedStream to) {
    this.from = from.input();
    this.to = to.output();
    this.from.relayCredit();
    this.to.onConsumedByPeer(this.from::relayCredit);
  }

  /** Passes payloads until {@code from} ends, then half-closes {@code to}. */
  @Override
  public long carry() throws IOException {
    long total = 0;
    for (ByteBuffer payload = from.take(); payload != null; payload = from.take()) {
      total += payload.remaining();
      to.pass(payload);
    }
    to.close();
    return total;
  }
}
