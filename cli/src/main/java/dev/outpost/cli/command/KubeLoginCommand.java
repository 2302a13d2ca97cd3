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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code outpost kube login [--cluster=LEAF] CLUSTER}: a kubeconfig context {@code
 * OUTPOST_CLUSTER-CLUSTER} (or {@code OUTPOST_CLUSTER-CLUSTER.LEAF}) for stock kubectl, pointing at
 * {@code https://PROXY/kube/CLUSTER} (or {@code …/kube/CLUSTER.LEAF}, through the proxy to the
 * leaf) with the login's X.509 client certificate, which kubectl gets from {@code outpost kube
 * credentials}; made the current context.
 */
@Command(name = "login", description = "Write a kubeconfig context for a Kubernetes cluster and use it.")
final class KubeLoginCommand extends BaseCommand {

  @Parameters(paramLabel = "CLUSTER", description = "The Kubernetes cluster (see 'outpost kube ls').")
  String cluster;

  @Option(names = "--cluster", paramLabel = "NAME",
      description = "The leaf cluster the Kubernetes cluster belongs to, reached through this proxy.")
  String leaf;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    KubeClusterName name;
    try {
      name = new KubeClusterName(cluster, leaf);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    Credentials credentials = store().load();
    List<KubeClusterView> reachable =
        credentials.api().getList(name.listingPath(), KubeClusterView.class);
    if (reachable.stream().noneMatch(view -> view.name().equals(cluster))) {
      throw CliException.failure("Kubernetes cluster '" + cluster + "'"
          + (leaf == null ? "" : " of cluster " + leaf) + " is not one you may reach; 'outpost kube ls"
          + (leaf == null ? "" : " --cluster=" + leaf) + "' lists them");
    }
    OutpostHome home = credentials.home();
    if (!Files.exists(home.tlsCertificate())) {
      throw CliException.failure("this login has no X.509 client certificate; run 'outpost login' again");
    }
    Profile profile = credentials.profile();
    String context = name.context(profile.cluster());
    KubeconfigFile kubeconfig =
        KubeconfigFile.resolve(environment().variables(), environment().userHome());
    List<String> credentialCommand = new ArrayList<>(SelfLauncher.command());
    if (!home.isDefault()) {
      credentialCommand.add("--home=" + home.dir());
    }
    credentialCommand.addAll(List.of("kube", "credentials"));
    kubeconfig.useContext(context, "https://" + profile.proxy() + name.serverPath(),
        profile.insecure() ? null : home.clusterCa(), credentialCommand);
    out().println("Logged into Kubernetes cluster " + name + ": context " + context + " in "
        + kubeconfig.path() + " (certificate valid until " + profile.expires() + ")");
    out().println("Try: kubectl get pods -A");
    return OK;
  }
}
