package dev.outpost.web.apps;

import dev.outpost.application.apps.AppCaller;
import dev.outpost.application.apps.PublishedApp;
import dev.outpost.tunnel.Tunnel;
import dev.outpost.tunnel.TunnelStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The apps the online agents publish, by name. An app name is unique in the cluster (it is a
 * subdomain): when a second node publishes a name already taken, the first keeps it and the
 * second's is ignored with a warning. Entries live as long as the node's tunnel.
 */
@ApplicationScoped
public class AppCatalog {
  static final String CATALOG_TARGET = "apps";
  private static final int MAX_CATALOG_BYTES = 256 * 1024;
  private static final Logger LOG = Logger.getLogger(AppCatalog.class.getName());

  /**
   * An app and how to reach it.
   *
   * @param app the app as access decisions see it
   * @param upstream the upstream base URI on the device, for rewriting its redirects
   * @param tunnel the publishing node's tunnel; null for an app of a leaf cluster, which the
   *     leaf's tunnel reaches
   */
  public record Entry(PublishedApp app, URI upstream, Tunnel tunnel) {
    /** A stream to the app on its node, for one exchange of {@code caller}. */
    TunnelStream open(AppCaller caller) throws IOException {
      return tunnel.open("app?name=" + app.name() + "&user="
          + URLEncoder.encode(caller.identity().user(), StandardCharsets.UTF_8)
          + "&session=" + caller.session());
    }
  }

  private final Map<String, Entry> byName = new ConcurrentHashMap<>();

  /** Asks the agent behind {@code tunnel} for its apps and publishes them. */
  public void refresh(String node, Tunnel tunnel) {
    List<Entry> published;
    try (TunnelStream stream = tunnel.open(CATALOG_TARGET)) {
      published = parse(node, tunnel, stream.input().readNBytes(MAX_CATALOG_BYTES));
    } catch (IOException | RuntimeException e) {
      LOG.info(() -> "node " + node + " publishes no apps: " + e.getMessage());
      return;
    }
    forget(node);
    for (Entry entry : published) {
      Entry holder = byName.putIfAbsent(entry.app().name(), entry);
      if (holder != null && !holder.app().node().equals(node)) {
        LOG.warning(() -> "node " + node + " publishes app " + entry.app().name()
            + ", which node " + holder.app().node() + " publishes already; ignored");
      } else {
        byName.put(entry.app().name(), entry);
        LOG.info(() -> "node " + node + " publishes app " + entry.app().name());
      }
    }
  }

  /** The node's tunnel is gone: so are its apps. */
  public void forget(String node) {
    byName.values().removeIf(entry -> entry.app().node().equals(node));
  }

  public Optional<Entry> find(String name) {
    return Optional.ofNullable(byName.get(name)).filter(entry -> entry.tunnel().isOpen());
  }

  /** All published apps, by name. */
  public List<PublishedApp> all() {
    return byName.values().stream().filter(entry -> entry.tunnel().isOpen())
        .map(Entry::app).sorted(Comparator.comparing(PublishedApp::name)).toList();
  }

  static List<Entry> parse(String node, Tunnel tunnel, byte[] document) {
    try (JsonReader reader = Json.createReader(new java.io.ByteArrayInputStream(document))) {
      JsonObject catalog = reader.readObject();
      if (catalog.getInt("v", 0) != 1) {
        throw new IllegalArgumentException("unknown app catalog version");
      }
      return catalog.getJsonArray("apps").getValuesAs(JsonObject.class).stream()
          .filter(app -> AppHost.isAppName(app.getString("name")))
          .map(app -> new Entry(
              new PublishedApp(app.getString("name"), node, labels(app.getJsonObject("labels"))),
              URI.create(app.getString("upstream")), tunnel))
          .toList();
    }
  }

  private static Map<String, String> labels(JsonObject labels) {
    Map<String, String> map = new LinkedHashMap<>();
    if (labels != null) {
      labels.forEach((key, value) -> {
        if (value.getValueType() == JsonValue.ValueType.STRING) {
          map.put(key, ((JsonString) value).getString());
        }
      });
    }
    return map;
  }
}
