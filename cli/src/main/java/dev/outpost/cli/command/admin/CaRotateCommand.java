package dev.outpost.cli.command.admin;

import dev.outpost.api.CaKeyView;
import dev.outpost.api.CaRotationRequest;
import dev.outpost.cli.CliException;
import dev.outpost.cli.command.BaseCommand;
import dev.outpost.cli.command.FormatOption;
import dev.outpost.cli.command.Ttl;
import dev.outpost.cli.output.CaKeyListing;
import dev.outpost.client.http.ApiClient;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code outpost admin ca rotate --type=user|host [--grace=DURATION]}: a new key signs at once,
 * the previous one stays trusted for the grace; prints the CA's keys afterwards.
 */
@Command(name = "rotate",
    description = "Make a new key the CA's signer; the current one stays trusted for the grace.")
final class CaRotateCommand extends BaseCommand {

  /** The SSH CAs; the wire name is the lower-case constant name. */
  enum CaType { USER, HOST }

  @Option(names = "--type", required = true, paramLabel = "user|host",
      description = "Which CA to rotate.")
  CaType type;

  @Option(names = "--grace", paramLabel = "DURATION",
      description = "How long the current key stays trusted (default: 12h, the longest login).")
  Ttl grace;

  @Mixin FormatOption format;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    String wire = type.name().toLowerCase(Locale.ROOT);
    ApiClient api = store().load().api();
    api.post("/api/v1/admin/ca/rotate",
        new CaRotationRequest(wire, grace == null ? null : grace.text()));
    CaKeyListing.print(out(), format.format(), api.getList("/api/v1/admin/ca", CaKeyView.class)
        .stream().filter(key -> key.type().equals(wire)).toList());
    return OK;
  }
}
