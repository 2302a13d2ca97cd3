package dev.outpost.bench;

import dev.outpost.bench.setup.BenchCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiFunction;

/**
 * One benchmark against the bench cluster: starts Payara with the EAR, runs the measurements,
 * prints their Markdown on standard output and keeps it in {@code target/bench/NAME}, stops Payara.
 */
final class BenchRun {
  private BenchRun() {}

  /**
   * @param root the project's top folder
   * @param resultsFile file name under {@code target/bench} for the results
   * @param measure takes the running cluster and the bench's directory, returns the results
   */
  static void inCluster(Path root, String resultsFile, BiFunction<BenchCluster, Path, String> measure)
      throws Exception {
    Path dir = BenchCluster.dataDir(root);
    Progress.say("starting Payara with the EAR (domain outpost-bench, https://localhost:28443)");
    BenchCluster cluster = BenchCluster.start(root);
    try {
      String results = measure.apply(cluster, dir);
      System.out.print(results);
      Files.writeString(dir.resolve(resultsFile), results);
    } finally {
      Progress.say("stopping Payara");
      cluster.stop();
    }
  }
}
