package dev.outpost.cli.command;

import dev.outpost.cli.CliException;
import dev.outpost.cli.profile.Profile;
import dev.outpost.cli.ssh.OpenSshConfig;
import picocli.CommandLine.Command;

/** {@code outpost config}: the OpenSSH client configuration for the logged-in cluster. */
@Command(
    name = "config",
    description =
        "Print an OpenSSH client config block so that stock ssh, scp, sftp and Ansible work.")
final class ConfigCommand extends BaseCommand {

  @Override
  public Integer call() throws CliException {
    Profile profile = store().load().profile();
    out()
        .print(
            OpenSshConfig.render(
                profile.cluster(), profile.proxy(), root().home(), SelfLauncher.command()));
    out().flush();
    return OK;
  }
}
