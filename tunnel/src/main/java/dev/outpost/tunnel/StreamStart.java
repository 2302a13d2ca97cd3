package dev.outpost.tunnel;

/**
 * Where a stream's counts start: at 0 for a new stream, further on for a relay's stream that
 * carries an end-to-end stream on after a restart ({@link EndToEndPoint}).
 *
 * @param received bytes the peer already sent, as if this stream had received them
 * @param credited of those, bytes already credited to the peer
 * @param sent bytes already sent to the peer (nothing of them is held for a replay)
 * @param peerCredited bytes the peer already credited: it may be sent up to this plus its window
 */
record StreamStart(long received, long credited, long sent, long peerCredited) {
  static final StreamStart ZERO = new StreamStart(0, 0, 0, 0);
}
