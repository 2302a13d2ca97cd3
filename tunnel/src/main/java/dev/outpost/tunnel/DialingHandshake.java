package dev.outpost.tunnel;

import dev.outpost.tunnel.TunnelAuthenticator.Prover;
import dev.outpost.tunnel.frame.ErrorCode;
import dev.outpost.tunnel.frame.Frame;
import dev.outpost.tunnel.frame.FrameType;
import java.nio.ByteBuffer;
import java.util.List;

/** The agent's or CLI's side: wait for the challenge, answer it, wait for the confirmation. */
final class DialingHandshake extends Handshake {
  private static final byte[] NO_NONCE = new byte[0];

  private final Prover prover;
  private Frame.Hello peerHello;
  private boolean authSent;

  DialingHandshake(Link link, TunnelSettings settings, boolean offerResume, Prover prover) {
    super(link, settings, offerResume);
    this.prover = prover;
  }

  @Override
  void start() {
    // The accepting side speaks first: its HELLO carries the nonce to prove against.
  }

  @Override
  synchronized void onFrame(Frame frame) throws ProtocolViolation {
    if (peerHello == null) {
      peerHello = expectHello(frame);
      byte[] nonce = bytes(peerHello.nonce());
      runOffReader(() -> prove(nonce));
      return;
    }
    Frame.AuthOk ok = expect(frame, Frame.AuthOk.class, FrameType.AUTH_OK);
    if (!authSent) {
      throw ProtocolViolation.ofConnection(ErrorCode.PROTOCOL, "AUTH_OK before AUTH");
    }
    link.established(new Established(peerHello, "", ok.identity()), List.of());
  }

  private void prove(byte[] nonce) {
    Frame.Auth auth;
    try {
      auth = new Frame.Auth(ByteBuffer.wrap(prover.prove(nonce)));
    } catch (Exception e) {
      link.fail(ErrorCode.INTERNAL, "cannot prove identity: " + Reasons.describe(e));
      return;
    }
    synchronized (this) {
      authSent = true;
    }
    link.send(ownHello(NO_NONCE));
    link.send(auth);
  }
}
