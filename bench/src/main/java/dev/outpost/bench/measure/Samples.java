package dev.outpost.bench.measure;

import java.util.Arrays;
import java.util.List;

/**
 * Repeated measurements of one quantity, summarised robustly: the median, and the 95th and 99th
 * percentiles by nearest rank (with fewer than 100 samples the 99th is the largest).
 */
public record Samples(double[] values) {

  public static Samples of(List<Double> values) {
    return new Samples(values.stream().mapToDouble(Double::doubleValue).sorted().toArray());
  }

  public double median() {
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  public double p99() {
    return percentile(99);
  }

  public double p95() {
    return percentile(95);
  }

  /** By nearest rank: the smallest value at least {@code percent}% of the values do not exceed. */
  private double percentile(int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * values.length);
    return values[Math.max(rank, 1) - 1];
  }

  public int count() {
    return values.length;
  }

  @Override
  public String toString() {
    return Arrays.toString(values);
  }
}
