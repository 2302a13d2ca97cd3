package dev.outpost.cli.command;

import picocli.CommandLine.Command;

/** {@code outpost kube}: Kubernetes clusters behind agents. */
@Command(name = "kube", description = "Kubernetes clusters behind agents, for stock kubectl.",
    subcommands = {KubeLsCommand.class, KubeLoginCommand.class, KubeCredentialsCommand.class})
final class KubeCommand extends CommandGroup {}
