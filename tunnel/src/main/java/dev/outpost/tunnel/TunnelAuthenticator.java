package dev.outpost.tunnel;

/**
 * The handshake's pluggable proof step, kept free of any certificate code. The accepting side
 * sends a fresh random nonce in its HELLO; the dialing side answers with an opaque credential made
 * from that nonce; the accepting side verifies it and learns the peer's identity.
 */
public final class TunnelAuthenticator {
  private TunnelAuthenticator() {}

  /** Dialing side: turns the accepting side's nonce into a credential. */
  @FunctionalInterface
  public interface Prover {
    byte[] prove(byte[] nonce) throws Exception;
  }

  /** Accepting side: checks a credential against the nonce it sent. */
  @FunctionalInterface
  public interface Verifier {
    /**
     * @return the authenticated peer identity
     * @throws Exception whose message is sent back to the peer in GOAWAY and logged
     */
    String verify(byte[] nonce, byte[] credential) throws Exception;
  }
}
