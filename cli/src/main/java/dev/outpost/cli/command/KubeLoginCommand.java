package dev.outpost.cli.command;

import dev.outpost.api.KubeClusterView;
import dev.outpost.cli.CliException;
import dev.outpost.cli.profile.Credentials;
import dev.outpost.cli.profile.KubeconfigFile;
import dev.outpost.cli.profile.OutpostHome;
import dev.outpost.cli.profile.Profile;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code outpost kube login CLUSTER}: a kubeconfig context {@code OUTPOST_CLUSTER-CLUSTER} for
 * stock kubectl, pointing at {@code https://PROXY/kube/CLUSTER} with the login's X.509 client
 * certificate, which kubectl gets from {@code outpost kube credentials}; made the current context.
 */
@Command(name = "login", description = "Write a kubeconfig context for a Kubernetes cluster and use it.")
final class KubeLoginCommand extends BaseCommand {

  @Parameters(paramLabel = "CLUSTER", description = "The Kubernetes cluster (see 'outpost kube ls').")
  String cluster;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    Credentials credentials = store().load();
    List<KubeClusterView> reachable =
        credentials.api().getList(KubeLsCommand.CLUSTERS, KubeClusterView.class);
    if (reachable.stream().noneMatch(view -> view.name().equals(cluster))) {
      throw CliException.failure("Kubernetes cluster '" + cluster + "' is not one you may reach;"
          + " 'outpost kube ls' lists them");
    }
    OutpostHome home = credentials.home();
    if (!Files.exists(home.tlsCertificate())) {
      throw CliException.failure("this login has no X.509 client certificate; run 'outpost login' again");
    }
    Profile profile = credentials.profile();
    String context = profile.cluster() + "-" + cluster;
    KubeconfigFile kubeconfig =
        KubeconfigFile.resolve(environment().variables(), environment().userHome());
    List<String> credentialCommand = new ArrayList<>(SelfLauncher.command());
    if (!home.isDefault()) {
      credentialCommand.add("--home=" + home.dir());
    }
    credentialCommand.addAll(List.of("kube", "credentials"));
    kubeconfig.useContext(context, "https://" + profile.proxy() + "/kube/" + cluster,
        profile.insecure() ? null : home.clusterCa(), credentialCommand);
    out().println("Logged into Kubernetes cluster " + cluster + ": context " + context + " in "
        + kubeconfig.path() + " (certificate valid until " + profile.expires() + ")");
    out().println("Try: kubectl get pods -A");
    return OK;
  }
}
