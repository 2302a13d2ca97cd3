package dev.outpost.cli.command;

import dev.outpost.cli.CliException;
import dev.outpost.cli.profile.CredentialStore;
import dev.outpost.cli.profile.Profile;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * {@code outpost logout}: revokes the session at the proxy, then removes the credentials. The files
 * go even when the proxy cannot be reached: the certificates lapse on their own, and a user who
 * logs out wants nothing left behind.
 */
@Command(name = "logout", description = "Revoke the session and remove stored credentials.")
final class LogoutCommand extends BaseCommand {

  @Override
  public Integer call() throws CliException, IOException {
    CredentialStore store = store();
    Optional<Profile> profile = store.profile();
    if (profile.isEmpty()) {
      store.clear();
      out().println("Not logged in.");
      return OK;
    }
    if (!profile.get().hasExpired(environment().clock().instant())) {
      revoke(store);
    }
    store.clear();
    out().printf("Logged out %s from %s.%n", profile.get().user(), profile.get().proxy());
    return OK;
  }

  private void revoke(CredentialStore store) {
    try {
      store.load().api().post("/api/v1/logout", null);
    } catch (ApiException | IOException | CliException e) {
      err()
          .println(
              "outpost: warning: the proxy did not revoke the session ("
                  + e.getMessage()
                  + "); removing the local credentials anyway");
    }
  }
}
