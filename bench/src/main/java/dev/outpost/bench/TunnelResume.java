package dev.outpost.bench;

import dev.outpost.bench.measure.JavaHeap;
import dev.outpost.bench.measure.Samples;
import dev.outpost.tunnel.SessionRegistry;
import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.StreamSession;
import dev.outpost.tunnel.TunnelAuthenticator.Prover;
import dev.outpost.tunnel.TunnelAuthenticator.Verifier;
import dev.outpost.tunnel.TunnelConnection;
import dev.outpost.tunnel.TunnelSettings;
import dev.outpost.tunnel.TunnelStream;
import dev.outpost.tunnel.transport.InMemoryTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bench/tunnel-resume.sh}: what resumable streams cost, on the tunnel library alone: both
 * ends in this JVM over the in-memory transport, so no network, TLS or WebSocket container is in
 * the figures, only the protocol's own work.
 *
 * <ul>
 *   <li>bulk throughput of one stream with resumable streams (every byte kept until the peer
 *       credits it back) and without (nothing kept);
 *   <li>from a new connection after a lost one to the first byte of a resumed stream: handshake,
 *       RESUME, replay, then one echo round trip;
 *   <li>heap per open, idle stream, both ways.
 * </ul>
 */
public final class TunnelResume {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final long BULK = 1L << 30;
  private static final int BULK_RUNS = 3;
  private static final int RESUMES = 300;
  private static final int RESUME_WARM_UP = 30;
  private static final int IDLE_STREAMS = 95;

  private static final Prover PROVER = nonce -> nonce.clone();
  private static final Verifier VERIFIER =
      (nonce, credential) -> {
        if (!Arrays.equals(nonce, credential)) {
          throw new IllegalStateException("bad credential");
        }
        return "bench-agent";
      };
  /** The agent side's streams echo every byte until the proxy side closes. */
  private static final StreamAcceptor ECHO =
      target -> stream -> stream.input().transferTo(stream.output());

  private final TunnelSettings settings = TunnelSettings.defaults();

  private TunnelResume() {}

  public static void main(String[] args) throws Exception {
    TunnelResume bench = new TunnelResume();
    String results = String.join("\n", bench.throughput().markdown(), bench.resume().markdown(),
        bench.idleStreams().markdown());
    System.out.print(results);
  }

  private ResultTable throughput() throws IOException {
    Progress.say("1 GiB through one stream, " + BULK_RUNS + " times each, without then with resume");
    double plain = bulkMegabytesPerSecond(false);
    double resumable = bulkMegabytesPerSecond(true);
    return new ResultTable("1 GiB through one stream, in memory, median of " + BULK_RUNS,
            "MB/s", "vs not resumable")
        .row("not resumable", format(plain), "1.00×")
        .row("resumable (replay buffer, acknowledgements)", format(resumable),
            String.format("%.2f×", resumable / plain));
  }

  private double bulkMegabytesPerSecond(boolean resumable) throws IOException {
    List<Double> rates = new ArrayList<>();
    for (int run = 0; run < BULK_RUNS + 1; run++) {
      Link link = connect(resumable, BULK_SINK);
      TunnelStream stream = link.proxy.open("sink");
      byte[] chunk = new byte[64 * 1024];
      long start = System.nanoTime();
      try (OutputStream out = stream.output()) {
        for (long sent = 0; sent < BULK; sent += chunk.length) {
          out.write(chunk);
        }
      }
      if (stream.input().read() != -1) {
        throw new IllegalStateException("the sink answered");
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      link.close();
      if (run > 0) { // the first warms up
        rates.add(BULK / seconds / 1e6);
      }
    }
    return Samples.of(rates).median();
  }

  /** Reads everything, then ends its side once the proxy's side has. */
  private static final StreamAcceptor BULK_SINK =
      target -> stream -> {
        stream.input().transferTo(OutputStream.nullOutputStream());
        stream.output().close();
      };

  private ResultTable resume() throws IOException {
    Progress.say(RESUMES + " lost connections, each followed by a new one that resumes an open stream");
    Sessions sessions = new Sessions();
    StreamSession agentSession = StreamSession.dialing(settings);
    Link link = connect(sessions, agentSession, ECHO);
    TunnelStream stream = link.proxy.open("echo");
    OutputStream out = stream.output();
    InputStream in = stream.input();
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < RESUME_WARM_UP + RESUMES; i++) {
      link.transport.cut("link lost");
      awaitSuspended(agentSession);
      long start = System.nanoTime();
      link = connect(sessions, agentSession, ECHO);
      out.write(i);
      out.flush();
      if (in.read() != (i & 0xff)) {
        throw new IllegalStateException("the resumed stream did not echo byte " + i);
      }
      if (i >= RESUME_WARM_UP) {
        millis.add((System.nanoTime() - start) / 1e6);
      }
    }
    link.close();
    Samples samples = Samples.of(millis);
    return new ResultTable("new connection → first byte of a resumed stream echoed",
            "median ms", "p99 ms")
        .row("in memory, " + RESUMES + " resumes", String.format("%.3f", samples.median()),
            String.format("%.3f", samples.p99()));
  }

  private static void awaitSuspended(StreamSession session) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!session.isSuspended()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the agent side never noticed the lost connection");
      }
      Thread.onSpinWait();
    }
  }

  private ResultTable idleStreams() throws IOException {
    Progress.say("heap per idle stream: " + IDLE_STREAMS + " open streams, without then with resume");
    long pid = ProcessHandle.current().pid();
    ResultTable table = new ResultTable("open idle streams", "heap per stream (KiB, both ends)");
    for (boolean resumable : new boolean[] {false, true}) {
      Link link = connect(resumable, ECHO);
      List<TunnelStream> streams = new ArrayList<>();
      long before = JavaHeap.liveKib(pid);
      for (int i = 0; i < IDLE_STREAMS; i++) {
        TunnelStream stream = link.proxy.open("echo");
        stream.output().write(1); // each stream carried a byte each way: acknowledged, at rest
        stream.output().flush();
        stream.input().read();
        streams.add(stream);
      }
      long after = JavaHeap.liveKib(pid);
      table.row(resumable ? "resumable" : "not resumable",
          String.format("%.1f", (after - before) / (double) streams.size()));
      link.close();
    }
    return table;
  }

  /** A new connection, its streams resumable or not. */
  private Link connect(boolean resumable, StreamAcceptor agentStreams) throws IOException {
    return resumable
        ? connect(new Sessions(), StreamSession.dialing(settings), agentStreams)
        : connect(null, null, agentStreams);
  }

  private Link connect(Sessions sessions, StreamSession agentSession, StreamAcceptor agentStreams)
      throws IOException {
    InMemoryTransport.Pair pair = InMemoryTransport.pair();
    TunnelConnection proxy = TunnelConnection.accept(pair.left(), settings, VERIFIER,
        StreamAcceptor.REFUSE_ALL, sessions == null ? null : sessions.registry);
    TunnelConnection agent =
        TunnelConnection.dial(pair.right(), settings, PROVER, agentStreams, agentSession);
    return new Link(pair.left(), proxy.awaitHandshake(WAIT), agent.awaitHandshake(WAIT));
  }

  /** The proxy side's registry of resumable sessions. */
  private final class Sessions {
    final SessionRegistry registry = new SessionRegistry(settings, new SessionRegistry.Listener() {
      @Override
      public void ended(StreamSession session, String reason) {}

      @Override
      public void refused(String claimant, String owner, String sessionId) {
        throw new IllegalStateException(claimant + " refused for " + owner);
      }
    });
  }

  private record Link(InMemoryTransport transport, TunnelConnection proxy, TunnelConnection agent) {
    void close() {
      proxy.close("done");
      agent.close("done");
    }
  }

  private static String format(double megabytesPerSecond) {
    return String.format("%.0f", megabytesPerSecond);
  }
}
