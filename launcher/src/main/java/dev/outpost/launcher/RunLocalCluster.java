package dev.outpost.launcher;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./mvnw -Prun}: a working cluster on embedded defaults (H2, self-signed cluster CA, a
 * bootstrap admin, a demo agent on this host) in the foreground until Ctrl-C.
 */
public final class RunLocalCluster {
  private RunLocalCluster() {}

  public static void main(String[] args) throws InterruptedException {
    Path root = Path.of(System.getProperty("outpost.root", ".")).toAbsolutePath().normalize();
    String publicAddr = Settings.value("outpost.public.addr", "OUTPOST_PUBLIC_ADDR", "localhost:8443");
    ClusterLayout layout =
        new ClusterLayout(
            root,
            "outpost-run",
            4848,
            port(publicAddr),
            Path.of(Settings.value("outpost.data.dir", "OUTPOST_DATA_DIR", root.resolve("target/run").toString())),
            Settings.value("outpost.cluster.name", "OUTPOST_CLUSTER_NAME", hostname()),
            publicAddr,
            false);
    LocalCluster cluster = LocalCluster.start(layout, Map.of("OUTPOST_BOOTSTRAP_ADMIN_LOGINS", adminLogins()));
    String generatedPassword = cluster.takeGeneratedAdminPassword();
    String password = generatedPassword != null ? generatedPassword : System.getenv("OUTPOST_BOOTSTRAP_ADMIN_PASSWORD");
    DemoAgent agent = DemoAgent.startIfPossible(cluster, password);

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("\nStopping Outpost…");
                  if (agent != null) {
                    agent.close();
                  }
                  cluster.close();
                  stopped.countDown();
                }));
    printWelcome(layout, generatedPassword, agent);
    stopped.await();
  }

  private static void printWelcome(ClusterLayout layout, String generatedPassword, DemoAgent agent) {
    String cli = "bin/outpost";
    System.out.println();
    System.out.println("Outpost is running (cluster " + layout.clusterName() + ").");
    System.out.println("  Proxy       : https://" + layout.publicAddr() + "/  (REST API under /api/v1)");
    System.out.println("  Log in      : " + cli + " login --proxy=" + layout.publicAddr() + " --user=admin --insecure");
    if (generatedPassword != null) {
      System.out.println("  Password    : " + generatedPassword + "   (shown once; set OUTPOST_BOOTSTRAP_ADMIN_PASSWORD to choose it)");
    } else {
      System.out.println("  Password    : the bootstrap admin password shown at the first start, or OUTPOST_BOOTSTRAP_ADMIN_PASSWORD");
    }
    if (agent != null) {
      System.out.println("  Demo node   : " + cli + " ls ; " + cli + " ssh " + agent.login() + "@" + agent.name() + " uname -a");
    }
    System.out.println("  Data        : " + layout.dataDir());
    System.out.println("Press Ctrl-C to stop.");
  }

  /** Root on nodes, and the current user too, since a demo agent not run by root serves only it. */
  private static String adminLogins() {
    String configured = System.getenv("OUTPOST_BOOTSTRAP_ADMIN_LOGINS");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    String user = System.getProperty("user.name");
    return "root".equals(user) ? "root" : "root," + user;
  }

  private static int port(String address) {
    int colon = address.lastIndexOf(':');
    return colon < 0 ? 443 : Integer.parseInt(address.substring(colon + 1));
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT);
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
