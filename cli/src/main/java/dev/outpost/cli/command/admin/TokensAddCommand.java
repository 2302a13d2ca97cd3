package dev.outpost.cli.command.admin;

import dev.outpost.api.TokenRequest;
import dev.outpost.api.TokenResponse;
import dev.outpost.cli.CliException;
import dev.outpost.cli.command.BaseCommand;
import dev.outpost.cli.command.FormatOption;
import dev.outpost.cli.command.Ttl;
import dev.outpost.cli.output.Format;
import dev.outpost.cli.output.Json;
import dev.outpost.cli.output.Text;
import dev.outpost.cli.profile.Credentials;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code outpost admin tokens add}: a single-use join token, printed with the CA pin and, for
 * nodes, the exact agent command line.
 */
@Command(name = "add", description = "Create a single-use join token.")
final class TokensAddCommand extends BaseCommand {

  @Option(
      names = "--type",
      required = true,
      paramLabel = "node|kube|app|trusted_cluster",
      description = "What may join with the token.")
  TokenType type;

  @Option(
      names = "--ttl",
      paramLabel = "DURATION",
      description = "How long the token is accepted (default: 30m).")
  Ttl ttl;

  @Mixin FormatOption format;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    Credentials credentials = store().load();
    TokenRequest request = new TokenRequest(type.wireName(), ttl == null ? null : ttl.text());
    TokenResponse token =
        credentials.api().post("/api/v1/admin/tokens", request, TokenResponse.class);
    if (format.format() == Format.JSON) {
      Json.print(out(), token);
      return OK;
    }
    out().printf("Token:   %s%n", token.token());
    out().printf("Type:    %s%n", token.type());
    out().printf("Expires: %s%n", Text.instant(token.expires()));
    out().printf("CA pin:  %s%n", token.caPin());
    out().printf("Id:      %s (outpost admin tokens rm %s withdraws it)%n", token.id(), token.id());
    if (type == TokenType.NODE) {
      out().printf("%nStart the agent on the node with:%n");
      out()
          .printf(
              "  outpost-agent start --proxy=%s --token=%s --ca-pin=%s%n",
              credentials.profile().proxy(), token.token(), token.caPin());
    }
    return OK;
  }
}
