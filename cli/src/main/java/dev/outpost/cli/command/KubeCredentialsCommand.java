package dev.outpost.cli.command;

import dev.outpost.cli.CliException;
import dev.outpost.cli.output.Json;
import dev.outpost.cli.profile.Credentials;
import dev.outpost.cli.profile.OutpostHome;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code outpost kube credentials}: the kubectl exec credential plugin that {@code kube login}
 * writes into the kubeconfig. It hands kubectl the login's X.509 client certificate while the
 * login lasts, and afterwards fails with the command to run, so that kubectl tells the user to log
 * in again instead of failing a TLS handshake with an expired certificate.
 */
@Command(name = "credentials", hidden = true,
    description = "kubectl's exec credential plugin: the login's client certificate.")
final class KubeCredentialsCommand extends BaseCommand {
  static final String API_VERSION = "client.authentication.k8s.io/v1";

  @Override
  public Integer call() throws CliException, IOException {
    Credentials credentials = store().load();
    OutpostHome home = credentials.home();
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("clientCertificateData", Files.readString(home.tlsCertificate()));
    status.put("clientKeyData", Files.readString(home.tlsKey()));
    status.put("expirationTimestamp", credentials.profile().expires().toString());
    Map<String, Object> execCredential = new LinkedHashMap<>();
    execCredential.put("apiVersion", API_VERSION);
    execCredential.put("kind", "ExecCredential");
    execCredential.put("status", status);
    Json.print(out(), execCredential);
    return OK;
  }
}
