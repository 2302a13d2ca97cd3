package dev.outpost.client.tunnel;

import java.util.random.RandomGenerator;

/** Always draws the same fraction, so backoff delays are exact. */
final class FixedRandom implements RandomGenerator {
  private final double fraction;

  FixedRandom(double fraction) {
    this.fraction = fraction;
  }

  @Override
  public long nextLong() {
    throw new UnsupportedOperationException("backoff draws doubles only");
  }

  @Override
  public double nextDouble() {
    return fraction;
  }
}
