package dev.outpost.it.links;

import dev.outpost.tunnel.FrameTransport;
import dev.outpost.tunnel.TunnelAuthenticator;
import dev.outpost.tunnel.TunnelSettings;
import dev.outpost.tunnel.frame.Frame;
import dev.outpost.tunnel.frame.FrameCodec;
import dev.outpost.tunnel.frame.FrameException;
import dev.outpost.tunnel.frame.FrameLimits;
import dev.outpost.tunnel.ws.WebSocketTransport;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A tunnel client that proves one node's identity with that node's own, valid host certificate,
 * then names another node's tunnel session and stream ids in its RESUME, as a compromised device
 * that learnt them would. It speaks the frames itself: the real dialer only ever offers the
 * session the proxy gave it.
 */
final class ForgedResume {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private ForgedResume() {}

  /**
   * Dials {@code endpoint} as {@code identity} and claims session {@code sessionHex} with {@code
   * streamIds}, each as received from byte 0.
   *
   * @return what the proxy answered the claim: {@code GOAWAY CODE: reason}, {@code RESUME …} had
   *     it handed the streams over, or {@code closed: reason}
   */
  static String attempt(SSLContext tls, URI endpoint, TunnelAuthenticator.Prover identity,
      String sessionHex, List<Integer> streamIds) throws Exception {
    int maxPayload = TunnelSettings.defaults().maxPayload();
    FrameCodec codec = new FrameCodec(maxPayload);
    BlockingQueue<Object> inbound = new LinkedBlockingQueue<>();
    WebSocketTransport transport = WebSocketTransport.connect(endpoint, tls, Map.of(),
        FrameLimits.HEADER_LENGTH + maxPayload, TIMEOUT);
    transport.start(new FrameTransport.FrameSink() {
      @Override
      public void onFrame(ByteBuffer frame) {
        ByteBuffer copy = ByteBuffer.allocate(frame.remaining()).put(frame.duplicate()).flip();
        try {
          inbound.add(codec.decode(copy));
        } catch (FrameException e) {
          inbound.add("undecodable frame: " + e.getMessage());
        }
      }

      @Override
      public void onClosed(String reason) {
        inbound.add("closed: " + reason);
      }
    });
    try {
      Frame.Hello hello = next(inbound, Frame.Hello.class);
      transport.send(codec.encode(new Frame.Hello(FrameCodec.PROTOCOL_VERSION, hello.maxPayload(),
          hello.initialWindow(), ByteBuffer.allocate(0), true)));
      byte[] nonce = new byte[hello.nonce().remaining()];
      hello.nonce().get(nonce);
      transport.send(codec.encode(new Frame.Auth(ByteBuffer.wrap(identity.prove(nonce)))));
      next(inbound, Frame.AuthOk.class);
      transport.send(codec.encode(new Frame.Resume(
          ByteBuffer.wrap(HexFormat.of().parseHex(sessionHex)),
          streamIds.stream().map(id -> new Frame.ResumePoint(id, 0, 0, false)).toList())));
      Object answer = next(inbound, Object.class);
      if (answer instanceof Frame.GoAway goAway) {
        return "GOAWAY " + goAway.code() + ": " + goAway.reason();
      }
      return answer instanceof Frame.Resume resume
          ? "RESUME with " + resume.streams().size() + " streams"
          : String.valueOf(answer);
    } finally {
      transport.close("forgery done");
    }
  }

  /** The next frame, skipping keep-alives; fails on anything but {@code expected}. */
  private static <T> T next(BlockingQueue<Object> inbound, Class<T> expected) throws Exception {
    while (true) {
      Object item = inbound.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (item == null) {
        throw new AssertionError("the proxy said nothing within " + TIMEOUT + ", expected "
            + expected.getSimpleName());
      }
      if (item instanceof Frame.Ping || item instanceof Frame.Pong) {
        continue;
      }
      if (!expected.isInstance(item)) {
        throw new AssertionError("expected " + expected.getSimpleName() + ", the proxy sent " + item);
      }
      return expected.cast(item);
    }
  }
}
