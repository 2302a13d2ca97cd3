package dev.outpost.tunnel;

import dev.outpost.tunnel.TunnelAuthenticator.Prover;
import dev.outpost.tunnel.TunnelAuthenticator.Verifier;
import dev.outpost.tunnel.transport.InMemoryTransport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;

/** A proxy and an agent tunnel connected in memory, and the pieces tests build them from. */
final class TestPeers implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(10);
  static final String AGENT = "node-1";

  final TunnelConnection proxy;
  final TunnelConnection agent;

  TestPeers(TunnelConnection proxy, TunnelConnection agent) {
    this.proxy = proxy;
    this.agent = agent;
  }

  /** The agent dials, the proxy accepts; both wait for the handshake. */
  static TestPeers connect(
      TunnelSettings proxySettings,
      StreamAcceptor proxyStreams,
      TunnelSettings agentSettings,
      StreamAcceptor agentStreams)
      throws IOException {
    InMemoryTransport.Pair pair = InMemoryTransport.pair();
    TunnelConnection proxy =
        TunnelConnection.accept(pair.left(), proxySettings, VERIFIER, proxyStreams);
    TunnelConnection agent =
        TunnelConnection.dial(pair.right(), agentSettings, PROVER, agentStreams);
    return new TestPeers(proxy.awaitHandshake(WAIT), agent.awaitHandshake(WAIT));
  }

  static TestPeers connect(StreamAcceptor proxyStreams, StreamAcceptor agentStreams)
      throws IOException {
    return connect(
        TunnelSettings.defaults(), proxyStreams, TunnelSettings.defaults(), agentStreams);
  }

  /** Answers a nonce with a credential only {@link #VERIFIER} accepts for that nonce. */
  static final Prover PROVER = nonce -> credentialFor(nonce);

  static final Verifier VERIFIER =
      (nonce, credential) -> {
        if (!Arrays.equals(credentialFor(nonce), credential)) {
          throw new GeneralSecurityException("bad credential");
        }
        return AGENT;
      };

  static byte[] credentialFor(byte[] nonce) {
    return ("proof:" + HexFormat.of().formatHex(nonce)).getBytes(StandardCharsets.UTF_8);
  }

  /** Echoes every byte back, then half-closes when the peer does. */
  static final StreamAcceptor ECHO = target -> stream -> stream.input().transferTo(stream.output());

  static byte[] readAll(TunnelStream stream) throws IOException {
    return stream.input().readAllBytes();
  }

  static void writeAndClose(OutputStream out, byte[] bytes) throws IOException {
    out.write(bytes);
    out.close();
  }

  static byte[] pattern(int length, int seed) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i * 31 + seed);
    }
    return bytes;
  }

  /** Reads from {@code in} into {@code into} until it holds {@code total} bytes. */
static void readAtLeast(InputStream in, ByteArrayOutputStream into, int total)
      throws IOException {
    byte[] buffer = new byte[8192];
    while (into.size() < total) {
      int n = in.read(buffer, 0, Math.min(buffer.length, total - into.size()));
      if (n < 0) {
        throw new IOException("end of stream after " + into.size() + " bytes");
      }
      into.write(buffer, 0, n);
    }
  }

  static String text(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    agent.close("test over");
    proxy.close("test over");
  }
}
