package dev.outpost.cli.command;

import dev.outpost.cli.CliException;
import dev.outpost.cli.profile.Credentials;
import dev.outpost.cli.profile.Profile;
import dev.outpost.cli.ssh.OpenSshConfig;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code outpost config}: the OpenSSH client configuration for the logged-in cluster and the leaf
 * clusters reached through it.
 */
@Command(
    name = "config",
    description =
        "Print an OpenSSH client config block so that stock ssh, scp, sftp and Ansible work.")
final class ConfigCommand extends BaseCommand {

  @Override
  public Integer call() throws CliException {
    Credentials credentials = store().load();
    Profile profile = credentials.profile();
    List<String> leaves = credentials.refreshHostCas();
    out()
        .print(
            OpenSshConfig.render(profile.cluster(), profile.proxy(), root().home(),
                SelfLauncher.command(), leaves));
    out().flush();
    return OK;
  }
}
