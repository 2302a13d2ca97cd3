package dev.outpost.it.kube;

import dev.outpost.it.Command;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The real {@code kubectl}, run against a kubeconfig that {@code outpost kube login} wrote. */
public final class Kubectl {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private Kubectl() {}

  /** Runs {@code kubectl ARGS} with {@code stdin} (or none), each request within 30 s. */
  public static Command.Result run(Path kubeconfig, String stdin, String... args) {
    return runWithEnv(kubeconfig, Map.of(), stdin, args);
  }

  /** Like {@link #run(Path, String, String...)}, with {@code env} added to kubectl's environment. */
  public static Command.Result runWithEnv(Path kubeconfig, Map<String, String> env, String stdin,
      String... args) {
    List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig=" + kubeconfig, "--request-timeout=30s"));
    command.addAll(List.of(args));
    return Command.run(command, env, stdin, TIMEOUT);
  }

  /**
   * Creates pod {@code name} in namespace default, its manifest in {@code dir}: container {@code
   * shell}, stdin open, phase Running (the stand-in's store keeps it; nothing runs).
   */
  public static String applyPod(Path kubeconfig, Path dir, String name) throws IOException {
    Path manifest = dir.resolve(name + ".yaml");
    Files.writeString(manifest, """
        apiVersion: v1
        kind: Pod
        metadata: {name: %s, namespace: default}
        spec:
          containers: [{name: shell, image: busybox, command: [sh], stdin: true}]
        status: {phase: Running}
        """.formatted(name));
    run(kubeconfig, null, "apply", "--validate=false", "-f", manifest.toString()).requireSuccess();
    return name;
  }

  /**
   * The context's credential plugin reads {@code to}'s login instead of {@code from}'s: another
   * user's own credential, with a context that user could not have written.
   */
  public static void rewriteCredentials(Path kubeconfig, Path from, Path to) {
    try {
      String text = Files.readString(kubeconfig).replace("--home=" + from.toAbsolutePath().normalize(),
          "--home=" + to.toAbsolutePath().normalize());
      Files.writeString(kubeconfig, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
