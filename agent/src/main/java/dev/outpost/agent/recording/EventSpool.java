package dev.outpost.agent.recording;

import dev.outpost.api.NodeEvent;
import dev.outpost.client.http.WireJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Audit events on the node's disk until the proxy accepted them, one file {@code ID.json} each,
 * written whole (temporary file, then rename) so that a crash never leaves half an event.
 */
public final class EventSpool {
  private static final String SUFFIX = ".json";

  private final Path directory;

  public EventSpool(Path directory) {
    this.directory = directory;
  }

  void add(NodeEvent event) throws IOException {
    Files.createDirectories(directory);
    Path temporary = directory.resolve(event.id() + SUFFIX + ".tmp");
    Files.write(temporary, WireJson.mapper().writeValueAsBytes(event));
    Files.move(temporary, directory.resolve(event.id() + SUFFIX), StandardCopyOption.ATOMIC_MOVE);
  }

  /** Up to {@code max} spooled events, oldest file first. */
  public List<NodeEvent> pending(int max) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> listed = Files.list(directory)) {
      files = listed.filter(path -> path.getFileName().toString().endsWith(SUFFIX))
          .sorted((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()))
          .limit(max)
          .toList();
    }
    List<NodeEvent> events = new ArrayList<>();
    for (Path file : files) {
      events.add(WireJson.mapper().readValue(file.toFile(), NodeEvent.class));
    }
    return events;
  }

  /** The proxy has these. */
  public void delete(List<NodeEvent> events) throws IOException {
    for (NodeEvent event : events) {
      Files.deleteIfExists(directory.resolve(event.id() + SUFFIX));
    }
  }
}
