package dev.outpost.cli.command.admin;

import dev.outpost.api.LockRequest;
import dev.outpost.api.LockView;
import dev.outpost.cli.CliException;
import dev.outpost.cli.command.BaseCommand;
import dev.outpost.cli.command.FormatOption;
import dev.outpost.cli.command.Ttl;
import dev.outpost.cli.output.Format;
import dev.outpost.cli.output.Json;
import dev.outpost.cli.output.Text;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code outpost admin lock --user=NAME | --node=NAME}: refuses new sessions of the user or to the
 * node, and ends live ones within seconds.
 */
@Command(name = "lock", description = "Lock a user or a node: end its sessions, refuse new ones.")
final class LockCommand extends BaseCommand {

  /** Exactly one of the two. */
  static final class Target {
    @Option(names = "--user", paramLabel = "NAME", description = "The user to lock.")
    String user;

    @Option(names = "--node", paramLabel = "NAME", description = "The node to lock.")
    String node;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  @Option(
      names = "--ttl",
      paramLabel = "DURATION",
      description = "How long the lock lasts (default: 12h).")
  Ttl ttl;

  @Option(names = "--message", paramLabel = "TEXT", description = "Why, shown to those refused.")
  String message;

  @Mixin FormatOption format;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    LockRequest request =
        new LockRequest(target.user, target.node, ttl == null ? null : ttl.text(), message);
    LockView lock = store().load().api().post("/api/v1/admin/locks", request, LockView.class);
    if (format.format() == Format.JSON) {
      Json.print(out(), lock);
      return OK;
    }
    out()
        .printf(
            "Locked %s %s until %s.%n", lock.kind(), lock.target(), Text.instant(lock.expires()));
    return OK;
  }
}
