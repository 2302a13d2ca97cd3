package dev.outpost.cli.command;

import dev.outpost.cli.Main;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that runs this very CLI again, for OpenSSH's {@code ProxyCommand}: the script
 * that started it ({@code bin/outpost}, which names itself in {@value #LAUNCHER}) with the JVM
 * settings and class-data sharing it chooses per command; otherwise the running JVM with its own
 * {@code -X} tuning flags except the C1-only limit, and the jar the code came from, or the class
 * path when not running from a jar (tests, IDEs). Paths are absolute so that it works from any
 * directory.
 */
final class SelfLauncher {
  /**
   * Quick to start, but only C2 uses the CPU's AES instructions, and the proxy command decrypts
   * every byte of the session's TLS (AES-GCM): C1 costs it several times the CPU per byte.
   */
  private static final String C1_ONLY = "-XX:TieredStopAtLevel";

  /** The system property by which a launcher script names itself. */
  static final String LAUNCHER = "outpost.launcher";

  private SelfLauncher() {}

  static List<String> command() {
    String launcher = System.getProperty(LAUNCHER);
    if (launcher != null && Files.isExecutable(Path.of(launcher))) {
      return List.of(Path.of(launcher).toAbsolutePath().normalize().toString());
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(argument -> argument.startsWith("-X") && !argument.startsWith(C1_ONLY))
        .forEach(command::add);
    Path codeSource = codeSource();
    if (codeSource != null && Files.isRegularFile(codeSource)) {
      command.addAll(List.of("-jar", codeSource.toString()));
    } else {
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    }
    return command;
  }

  private static Path codeSource() {
    CodeSource source = Main.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return null;
    }
    try {
      return Path.of(source.getLocation().toURI()).toAbsolutePath();
    } catch (URISyntaxException | IllegalArgumentException notAFile) {
      return null;
    }
  }
}
