package dev.outpost.cli.command;

import dev.outpost.api.AppCertificate;
import dev.outpost.api.AppView;
import dev.outpost.cli.CliException;
import dev.outpost.cli.profile.CredentialStore;
import dev.outpost.cli.profile.Credentials;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code outpost apps login [--cluster=LEAF] APP}: prints the app's browser URL and writes a
 * client certificate for scripts ({@code curl --cert}), valid as long as the login; filed as
 * {@code APP.LEAF} for an app of a leaf cluster.
 */
@Command(name = "login",
    description = "Print the browser URL of a web app and write a client certificate for scripts.")
final class AppsLoginCommand extends BaseCommand {

  @Parameters(paramLabel = "APP", description = "The app's name, as 'outpost apps ls' shows it.")
  String app;

  @Mixin AppClusterOption cluster;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    CredentialStore store = store();
    Credentials credentials = store.load();
    AppView view = credentials.api().getList(AppClusterOption.LISTING + cluster.query(), AppView.class).stream()
        .filter(candidate -> candidate.name().equals(app)).findFirst()
        .orElseThrow(() -> CliException.failure("no online app '" + app
            + "' that you may open; see 'outpost apps ls'"));
    try {
      KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
      ec.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair key = ec.generateKeyPair();
      AppCertificate issued = credentials.api().post(
          AppClusterOption.LISTING + "/" + app + "/certificate" + cluster.query(),
          new AppCertificate(Base64.getEncoder().encodeToString(key.getPublic().getEncoded()),
              null, null), AppCertificate.class);
      store.saveAppCertificate(cluster.fileName(app), key.getPrivate(), issued.certificatePem());
    } catch (GeneralSecurityException e) {
      throw CliException.failure("cannot make the client certificate: " + e.getMessage(), e);
    }
    String file = cluster.fileName(app);
    out().println(view.publicUrl());
    err().println("client certificate for scripts: curl --cert " + store.home().appCertificate(file)
        + " --key " + store.home().appKey(file) + " " + view.publicUrl());
    return OK;
  }
}
