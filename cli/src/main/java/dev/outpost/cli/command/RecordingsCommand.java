package dev.outpost.cli.command;

import picocli.CommandLine.Command;

/** {@code outpost recordings}: recorded sessions. */
@Command(name = "recordings", description = "Recorded sessions.",
    subcommands = {RecordingsLsCommand.class, RecordingsExportCommand.class})
final class RecordingsCommand extends CommandGroup {}
