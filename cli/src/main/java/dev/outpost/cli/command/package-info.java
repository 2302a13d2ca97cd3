/**
 * The picocli commands, one class each, thin: parse and validate arguments, call the proxy or the
 * {@code ssh} package, print. {@link dev.outpost.cli.command.OutpostCommand#commandLine} wires
 * converters and the one-line error handling (exit 1 refused, 2 usage).
 */
package dev.outpost.cli.command;
