package dev.outpost.tunnel;

import dev.outpost.tunnel.TunnelAuthenticator.Verifier;
import dev.outpost.tunnel.frame.ErrorCode;
import dev.outpost.tunnel.frame.Frame;
import dev.outpost.tunnel.frame.FrameType;
import java.lang.System.Logger.Level;
import java.util.List;

/** The proxy's side: challenge with a nonce, verify the answer, confirm or send away. */
final class AcceptingHandshake extends Handshake {
  private static final System.Logger LOG = System.getLogger(AcceptingHandshake.class.getName());

  private final byte[] nonce;
  private final Verifier verifier;
  private Frame.Hello peerHello;
  private boolean verifying;

  AcceptingHandshake(
      Link link, TunnelSettings settings, boolean offerResume, byte[] nonce, Verifier verifier) {
    super(link, settings, offerResume);
    this.nonce = nonce.clone();
    this.verifier = verifier;
  }

  @Override
  void start() {
    link.send(ownHello(nonce));
  }

  @Override
  synchronized void onFrame(Frame frame) throws ProtocolViolation {
    if (verifying) {
      throw ProtocolViolation.ofConnection(ErrorCode.PROTOCOL, frame.type() + " before AUTH_OK");
    }
    if (peerHello == null) {
      peerHello = expectHello(frame);
      return;
    }
    byte[] credential = bytes(expect(frame, Frame.Auth.class, FrameType.AUTH).credential());
    verifying = true;
    Frame.Hello hello = peerHello;
    runOffReader(() -> verify(hello, credential));
  }

  private void verify(Frame.Hello hello, byte[] credential) {
    Frame.AuthOk confirmation;
    try {
      confirmation = new Frame.AuthOk(verifier.verify(nonce.clone(), credential));
    } catch (Exception e) {
      LOG.log(Level.INFO, () -> "tunnel credential rejected: " + Reasons.describe(e));
      link.fail(ErrorCode.UNAUTHENTICATED, Reasons.describe(e));
      return;
    }
    link.established(new Established(hello, confirmation.identity(), ""), List.of(confirmation));
  }
}
