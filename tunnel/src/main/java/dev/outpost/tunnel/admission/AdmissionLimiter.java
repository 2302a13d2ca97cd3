package dev.outpost.tunnel.admission;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * A token bucket in front of the agent tunnel endpoint: each connect takes a token; tokens come
 * back at {@link AdmissionRate#perSecond()} up to {@link AdmissionRate#burst()}. A connect that
 * finds none is refused cheaply, before any certificate or database work, with a hint when to come
 * back.
 *
 * <p>The hints are spread: each refusal is told a slot one token-interval after the previous
 * refusal's slot, so that 2,000 agents refused together return at the rate the bucket can take
 * rather than all together again. The hint reserves nothing (it is advice, not a ticket); it is
 * never beyond {@link #MAX_HINT}.
 */
public final class AdmissionLimiter {
  /** The longest wait suggested: beyond it an agent is better served by its own backoff. */
  public static final Duration MAX_HINT = Duration.ofMinutes(2);

  private final AdmissionRate rate;
  private final InstantSource clock;
  private final Duration slot;
  private double tokens;
  private Instant refilledAt;
  /** The slot the next refused connect is told to come back at. */
  private Instant nextSlot;

  public AdmissionLimiter(AdmissionRate rate, InstantSource clock) {
    this.rate = rate;
    this.clock = clock;
    this.slot = rate.timeFor(1);
    this.tokens = rate.burst();
    this.refilledAt = clock.instant();
    this.nextSlot = refilledAt;
  }

  public AdmissionRate rate() {
    return rate;
  }

  /**
   * Takes a token if there is one.
   *
   * @return empty when admitted; otherwise how long the refused connect should wait (positive, at
   *     most {@link #MAX_HINT})
   */
  public synchronized Optional<Duration> tryAdmit() {
    Instant now = clock.instant();
    refill(now);
    if (tokens >= 1) {
      tokens -= 1;
      return Optional.empty();
    }
    Instant firstToken = now.plus(rate.timeFor(1 - tokens));
    Instant hinted = latest(nextSlot, firstToken);
    Instant limit = now.plus(MAX_HINT);
    if (hinted.isAfter(limit)) {
      hinted = limit;
    } else {
      nextSlot = hinted.plus(slot);
    }
    return Optional.of(Duration.between(now, hinted));
  }

  private void refill(Instant now) {
    if (now.isAfter(refilledAt)) {
      tokens = Math.min(rate.burst(), tokens + rate.tokensIn(Duration.between(refilledAt, now)));
      refilledAt = now;
    }
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
