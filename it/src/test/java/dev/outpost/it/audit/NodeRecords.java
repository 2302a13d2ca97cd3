package dev.outpost.it.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.it.Cli;
import dev.outpost.it.Command;
import dev.outpost.it.Polling;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an admin reads about one node through the real CLI, as the audit suites check it: its
 * recordings ({@code outpost recordings ls/export}) and the audit log ({@code outpost audit
 * --format=json}); and the printing sessions those suites record, typed through stock {@code ssh
 * -tt}, whose numbered lines show gaps and repeats.
 */
final class NodeRecords {
  private static final Pattern LINE = Pattern.compile("line-(\\d+)\r\n");

  private final Cli admin;
  private final String node;

  NodeRecords(Cli admin, String node) {
    this.admin = admin;
    this.node = node;
  }

  /** The first complete recording of the node that {@code which} accepts, once it is listed. */
  JsonNode awaitCompleteRecording(Predicate<JsonNode> which, Duration timeout) {
    JsonNode[] found = {null};
    String[] last = {""};
    Polling.await("a complete recording on node " + node, timeout, () -> {
      Command.Result listed = admin.run("recordings", "ls", "--format=json");
      last[0] = listed.stdout() + listed.stderr();
      if (listed.exitCode() != 0) {
        return false;
      }
      for (JsonNode recording : Cli.parseJson(listed.stdout())) {
        if (node.equals(recording.get("node").asText()) && which.test(recording)
            && recording.get("complete").asBoolean()) {
          found[0] = recording;
          return true;
        }
      }
      return false;
    }, () -> last[0]);
    return found[0];
  }

  /** {@code outpost recordings export ID}: the asciicast file as stored. */
  String export(String id) {
    return admin.run("recordings", "export", id).requireSuccess().stdout();
  }

  /** {@code outpost audit --since=30m --format=json} with {@code filters}: one object per line. */
  List<JsonNode> audit(String... filters) {
    List<String> args = new ArrayList<>(List.of("audit", "--since=30m", "--format=json"));
    args.addAll(List.of(filters));
    String out = admin.run(args.toArray(String[]::new)).requireSuccess().stdout();
    return out.lines().filter(line -> !line.isBlank()).map(Cli::parseJson).toList();
  }

  /**
   * Starts stock {@code ssh -tt} to {@code target} with {@code typed} as its input; what the
   * client shows goes to {@code work/NAME-session.out} ({@link #clientOutput}).
   */
  static Process typedSession(Path sshConfig, String target, Path work, String name, String typed)
      throws IOException {
    Path input = Files.writeString(work.resolve(name + "-session.in"), typed);
    return new ProcessBuilder("ssh", "-F", sshConfig.toString(), "-tt", target)
        .redirectInput(input.toFile())
        .redirectOutput(clientOutput(work, name).toFile())
        .redirectError(work.resolve(name + "-session.err").toFile())
        .start();
  }

  static Path clientOutput(Path work, String name) {
    return work.resolve(name + "-session.out");
  }

  /** The number of the last {@code line-N} in {@code output}, 0 for none. */
  static int lastLine(String output) {
    int last = 0;
    Matcher matcher = LINE.matcher(output);
    while (matcher.find()) {
      last = Integer.parseInt(matcher.group(1));
    }
    return last;
  }

  /** Every {@code line-N} from 1 on, once each and in order. */
  static void assertConsecutive(String output) {
    Matcher matcher = LINE.matcher(output);
    int expected = 1;
    while (matcher.find()) {
      assertEquals(expected, Integer.parseInt(matcher.group(1)), "no gap and no repeat");
      expected++;
    }
  }

  /** The file's text, or empty while it cannot be read. */
  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
