package dev.outpost.bench;

import dev.outpost.bench.setup.BenchCluster;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One benchmark against the bench cluster: starts Payara with the EAR, runs the measurements,
 * prints their Markdown on standard output and keeps it in {@code target/bench/NAME}, stops Payara.
 */
final class BenchRun {
  private BenchRun() {}

  /** The measurements of one benchmark; returns their Markdown. */
  @FunctionalInterface
  interface Measurement {
    String run(BenchCluster cluster, Path dir) throws Exception;
  }

  /**
   * @param root the project's top folder
   * @param resultsFile file name under {@code target/bench} for the results
   * @param measure takes the running cluster and the bench's directory, returns the results
   */
  static void inCluster(Path root, String resultsFile, Measurement measure)
      throws Exception {
    Path dir = BenchCluster.dataDir(root);
    Progress.say("starting Payara with the EAR (domain outpost-bench, https://localhost:28443)");
    BenchCluster cluster = BenchCluster.start(root);
    try {
      String results = measure.run(cluster, dir);
      System.out.print(results);
      Files.writeString(dir.resolve(resultsFile), results);
    } finally {
      Progress.say("stopping Payara");
      cluster.stop();
    }
  }
}
