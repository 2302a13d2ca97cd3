package dev.outpost.cli.command;

import dev.outpost.api.StatusResponse;
import dev.outpost.cli.CliException;
import dev.outpost.cli.output.Format;
import dev.outpost.cli.output.Json;
import dev.outpost.cli.output.Text;
import dev.outpost.cli.profile.Credentials;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code outpost status}: who the proxy says the stored session belongs to. */
@Command(name = "status", description = "Show the current identity, roles, logins and expiry.")
final class StatusCommand extends BaseCommand {

  @Mixin FormatOption format;

  /** The proxy's answer plus the proxy it came from. */
  record Status(
      String proxy,
      String user,
      String cluster,
      List<String> roles,
      List<String> logins,
      Instant expires) {}

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    Credentials credentials = store().load();
    StatusResponse me = credentials.api().get("/api/v1/me", StatusResponse.class);
    Status status =
        new Status(
            credentials.profile().proxy(),
            me.user(),
            me.cluster(),
            me.roles(),
            me.logins(),
            me.expires());
    if (format.format() == Format.JSON) {
      Json.print(out(), status);
      return OK;
    }
    out().printf("Proxy:       %s%n", status.proxy());
    out().printf("Cluster:     %s%n", status.cluster());
    out().printf("User:        %s%n", status.user());
    out().printf("Roles:       %s%n", Text.list(status.roles()));
    out().printf("Logins:      %s%n", Text.list(status.logins()));
    out().printf("Valid until: %s%n", Text.instant(status.expires()));
    return OK;
  }
}
