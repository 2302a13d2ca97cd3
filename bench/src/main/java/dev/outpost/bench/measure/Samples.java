package dev.outpost.bench.measure;

import java.util.Arrays;
import java.util.List;

/**
 * Repeated measurements of one quantity, summarised robustly: the median, and the 99th percentile
 * by nearest rank (with fewer than 100 samples that is the largest).
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
    int rank = (int) Math.ceil(0.99 * values.length);
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
