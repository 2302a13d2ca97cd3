package dev.outpost.cli.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The user's kubeconfig, as {@code kubectl} reads it: {@code $KUBECONFIG} (its first file, the one
 * kubectl writes to) or {@code ~/.kube/config}. Outpost adds or replaces one cluster, user and
 * context of the same name and makes it current; everything else in the file stays.
 */
public final class KubeconfigFile {

  private final Path file;

  public KubeconfigFile(Path file) {
    this.file = file;
  }

  public static KubeconfigFile resolve(Map<String, String> environment, String userHome) {
    String variable = environment.get("KUBECONFIG");
    if (variable != null && !variable.isBlank()) {
      return new KubeconfigFile(Path.of(variable.split(java.io.File.pathSeparator)[0]));
    }
    return new KubeconfigFile(Path.of(userHome, ".kube", "config"));
  }

  public Path path() {
    return file;
  }

  /**
   * Writes context {@code name}: {@code server}, trusted by {@code ca} (or not verified when
   * {@code ca} is null), with credentials from the exec plugin {@code credentialCommand}, which
   * reads the login's current certificate each time, so the next {@code outpost login} renews it.
   */
  public void useContext(String name, String server, Path ca, List<String> credentialCommand)
      throws IOException {
    Map<String, Object> root = load();
    Map<String, Object> cluster = new LinkedHashMap<>();
    cluster.put("server", server);
    if (ca == null) {
      cluster.put("insecure-skip-tls-verify", true);
    } else {
      cluster.put("certificate-authority", ca.toString());
    }
    Map<String, Object> exec = new LinkedHashMap<>();
    exec.put("apiVersion", "client.authentication.k8s.io/v1");
    exec.put("command", credentialCommand.get(0));
    exec.put("args", credentialCommand.subList(1, credentialCommand.size()));
    exec.put("interactiveMode", "Never");
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("exec", exec);
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("cluster", name);
    context.put("user", name);
    upsert(root, "clusters", name, "cluster", cluster);
    upsert(root, "users", name, "user", user);
    upsert(root, "contexts", name, "context", context);
    root.put("current-context", name);
    Path parent = file.toAbsolutePath().getParent();
    HomeFiles.createPrivateDirectory(parent);
    HomeFiles.writeSecret(file.toAbsolutePath(), dump(root));
  }

  private Map<String, Object> load() throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    if (Files.exists(file)) {
      Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
      if (loaded instanceof Map<?, ?> map) {
        map.forEach((key, value) -> root.put(String.valueOf(key), value));
      } else if (loaded != null) {
        throw new IOException(file + " is not a kubeconfig (not a YAML mapping)");
      }
    }
    root.putIfAbsent("apiVersion", "v1");
    root.putIfAbsent("kind", "Config");
    return root;
  }

  private static void upsert(Map<String, Object> root, String list, String name, String field,
      Map<String, Object> value) {
    List<Object> entries = new ArrayList<>();
    if (root.get(list) instanceof List<?> existing) {
      existing.stream()
          .filter(entry -> !(entry instanceof Map<?, ?> map && name.equals(map.get("name"))))
          .forEach(entries::add);
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", name);
    entry.put(field, value);
    entries.add(entry);
    root.put(list, entries);
  }

  private static String dump(Map<String, Object> root) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(new Representer(options), options).dump(root);
  }
}
