package dev.outpost.it.links;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * An SSH client printing {@code 1..lines}, one every 100 ms, between two lines naming the remote
 * shell's PID: what the link and restart tests watch through their outages.
 */
record NumberedSession(Process ssh, Path output, Path errors, int lines) {

  /** Starts an SSH client that runs {@code command} on the node, its output written to files. */
  @FunctionalInterface
  interface SshClient {
    Process start(String command, Path output, Path errors) throws IOException;
  }

  /** Through stock {@code ssh} with the user's {@code outpost config}. */
  static NumberedSession stockSsh(Path work, Path sshConfig, String target, String name, int lines)
      throws Exception {
    return start(work, name, lines, (command, output, errors) -> new ProcessBuilder("ssh", "-F",
            sshConfig.toString(), "-o", "BatchMode=yes", target, command)
        .redirectOutput(output.toFile())
        .redirectError(errors.toFile())
        .start());
  }

  /** Through {@code client}, once it printed line 20. */
  static NumberedSession start(Path work, String name, int lines, SshClient client)
      throws Exception {
    Path output = work.resolve(name + ".out");
    Path errors = work.resolve(name + ".err");
    Process ssh = client.start(
        "echo pid $$; for i in $(seq 1 " + lines + "); do echo $i; sleep 0.1; done; echo pid $$",
        output, errors);
    awaitLine(output, "20", Duration.ofSeconds(60));
    return new NumberedSession(ssh, output, errors, lines);
  }

  /** Lines printed so far. */
  int printed() throws IOException {
    return Files.readAllLines(output, StandardCharsets.UTF_8).size();
  }

  /** Waits up to {@code end} for the end: every number once, in order, from one process. */
  void assertWhole(Duration end) throws Exception {
    try {
      assertTrue(ssh.waitFor(end.toSeconds(), TimeUnit.SECONDS), "ssh ends after the last line");
    } finally {
      ssh.destroyForcibly();
    }
    assertEquals(0, ssh.exitValue(), Files.readString(errors));
    List<String> seen = Files.readAllLines(output, StandardCharsets.UTF_8);
    assertEquals(lines + 2, seen.size(), "no line lost or repeated: " + seen);
    assertTrue(seen.get(0).startsWith("pid "), seen.get(0));
    assertEquals(seen.get(0), seen.get(lines + 1), "the same remote process before and after");
    assertEquals(IntStream.rangeClosed(1, lines).mapToObj(Integer::toString).toList(),
        seen.subList(1, lines + 1), "every number once, in order");
  }

  static void awaitLine(Path output, String line, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(output) && Files.readAllLines(output).contains(line)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no line '" + line + "' within " + timeout + ": "
        + (Files.exists(output) ? Files.readString(output) : "(no output)"));
  }
}
