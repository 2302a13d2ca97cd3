package dev.outpost.cli.ssh;

import dev.outpost.api.ssh.NodeCiphers;
import dev.outpost.cli.profile.OutpostHome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code ~/.ssh/config} block that makes stock OpenSSH (and scp, sftp, Ansible) reach a
 * cluster's nodes as {@code LOGIN@NODE.CLUSTER}: the user certificate as identity, the cluster's
 * host CA as the only known host authority, and {@code outpost proxy ssh} as the transport.
 */
public final class OpenSshConfig {

  /** What a shell passes through unquoted; anything else is single-quoted. */
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./=:@+,-]+");

  private OpenSshConfig() {}

  /**
   * @param cluster the cluster name, the suffix of node addresses
   * @param proxy {@code HOST:PORT}, for the comment
   * @param home the CLI home holding key, certificate and known_hosts
   * @param launcher the command that runs this CLI, such as {@code [java, -jar, outpost.jar]}
   * @param leaves the leaf clusters reached through this one, whose host CAs are in {@link
   *     OutpostHome#leafKnownHosts()}
   */
  public static String render(
      String cluster, String proxy, OutpostHome home, List<String> launcher, List<String> leaves) {
    List<String> proxyCommand = new ArrayList<>(launcher);
    if (!home.isDefault()) {
      proxyCommand.add("--home=" + home.dir());
    }
    StringBuilder command = new StringBuilder();
    for (String word : proxyCommand) {
      command.append(escapePercent(shellQuote(word))).append(' ');
    }
    command.append("proxy ssh %r@%h:%p");
    return String.join(
        "\n",
        "# Outpost cluster " + cluster + " through " + proxy + ", written by 'outpost config'.",
        "# Append to ~/.ssh/config, then: ssh LOGIN@NODE." + cluster,
        "Host *." + cluster + leaves.stream().map(leaf -> " *." + leaf).collect(Collectors.joining()),
        "    CertificateFile " + configPath(home.certificate()),
        "    IdentityFile " + configPath(home.key()),
        "    IdentitiesOnly yes",
        "    UserKnownHostsFile " + configPath(home.knownHosts())
            + (leaves.isEmpty() ? "" : " " + configPath(home.leafKnownHosts())),
        "    StrictHostKeyChecking yes",
        "    Ciphers " + NodeCiphers.openSshList(),
        "    ProxyCommand " + command,
        "");
  }

  /** A path for ssh_config: {@code %} doubled (ssh expands tokens), quoted if it has blanks. */
  private static String configPath(Path path) {
    String escaped = escapePercent(path.toString());
    return escaped.matches(".*\\s.*") ? "\"" + escaped + "\"" : escaped;
  }

  private static String escapePercent(String text) {
    return text.replace("%", "%%");
  }

  private static String shellQuote(String word) {
    return SHELL_SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
  }
}
