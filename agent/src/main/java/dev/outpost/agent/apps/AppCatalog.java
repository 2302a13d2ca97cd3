package dev.outpost.agent.apps;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.tunnel.StreamAcceptor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers the proxy's {@code apps} stream with the apps this agent publishes, as one JSON document
 * ({@code {"v":1,"apps":[{"name","upstream","labels"}]}}); the proxy asks on every tunnel it
 * accepts, so a restarted agent's new {@code --app} list takes effect with its next connection.
 */
public final class AppCatalog implements StreamAcceptor {
  public static final String SERVICE = "apps";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final byte[] document;

  public AppCatalog(List<AppSpec> apps) {
    List<Map<String, Object>> entries = apps.stream().map(app -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", app.name());
      entry.put("upstream", app.upstream().toString());
      entry.put("labels", app.labels());
      return entry;
    }).toList();
    try {
      document = JSON.writeValueAsBytes(Map.of("v", 1, "apps", entries));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot encode the app catalog", e);
    }
  }

  @Override
  public StreamHandler accept(String target) {
    return stream -> stream.output().write(document);
  }
}
