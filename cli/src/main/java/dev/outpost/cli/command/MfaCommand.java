package dev.outpost.cli.command;

import picocli.CommandLine.Command;

/** {@code outpost mfa}: second factors. */
@Command(
    name = "mfa",
    description = "Manage your second factor (TOTP).",
    subcommands = {MfaEnrollCommand.class})
final class MfaCommand extends CommandGroup {}
