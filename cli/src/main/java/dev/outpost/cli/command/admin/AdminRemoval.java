package dev.outpost.cli.command.admin;

import dev.outpost.cli.CliException;
import dev.outpost.cli.command.BaseCommand;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The {@code rm} of an admin collection: {@code DELETE /api/v1/admin/COLLECTION/KEY}. */
abstract class AdminRemoval extends BaseCommand {

  /** The collection, such as {@code roles}. */
  abstract String collection();

  /** The name or id given on the command line. */
  abstract String key();

  /** What to tell the admin once it is done. */
  abstract String done();

  @Override
  public final Integer call() throws CliException, ApiException, IOException {
    store()
        .load()
        .api()
        .delete(
            "/api/v1/admin/"
                + collection()
                + "/"
                + URLEncoder.encode(key(), StandardCharsets.UTF_8));
    out().println(done());
    return OK;
  }
}
