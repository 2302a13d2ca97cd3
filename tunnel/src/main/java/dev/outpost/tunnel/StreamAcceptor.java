package dev.outpost.tunnel;

/**
 * Decides about streams the peer opens. The default refuses everything: a side that serves no
 * streams (a client) states nothing and is safe.
 */
@FunctionalInterface
public interface StreamAcceptor {

  StreamAcceptor REFUSE_ALL =
      target -> {
        throw new StreamRefusedException("this peer accepts no streams");
      };

  /**
   * Called on the tunnel's reader path for each OPEN: must return quickly. Returns the handler that
   * will serve the stream on its own thread, or throws {@link StreamRefusedException} with the
   * reason sent back to the peer.
   */
  StreamHandler accept(String target) throws StreamRefusedException;

  /**
   * Serves one accepted stream; runs on a thread of its own and may block. When {@code serve}
   * returns the stream is closed; when it throws, the stream is reset with the exception's message.
   */
  @FunctionalInterface
  interface StreamHandler {
    void serve(TunnelStream stream) throws Exception;

    /** What OPEN_OK tells the peer the stream was accepted as; empty by default. */
    default String acceptedAs() {
      return "";
    }

    /**
     * For a relay that carries an end-to-end stream on (the opening end reconnected after a
     * restart): that end's account, where the stream's counts start; null for a new stream.
     */
    default EndToEndPoint resumesFrom() {
      return null;
    }
  }
}
