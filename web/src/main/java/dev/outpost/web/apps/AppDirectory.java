package dev.outpost.web.apps;

import dev.outpost.api.AppCertificate;
import dev.outpost.api.AppView;
import dev.outpost.application.AppService;
import dev.outpost.application.apps.AppCertificates;
import dev.outpost.application.apps.AppGrant;
import dev.outpost.application.apps.PublishedApp;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.web.clusters.LeafRelay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the console and the CLI ask about apps: which ones the user may open, and launches, here
 * or in a leaf cluster. A leaf's app {@code APP} is {@code APP--LEAF} here: the leaf lists it and
 * decides about each app session, this cluster names its host.
 */
@ApplicationScoped
public class AppDirectory {

  @Inject AppCatalog catalog;
  @Inject AppGateway gateway;
  @Inject AppService apps;
  @Inject LeafRelay leaves;

  /** The online apps {@code user} may open, by name; none where no apps domain is set. */
  public List<AppView> visibleTo(UserIdentity user) {
    if (gateway.host().isEmpty()) {
      return List.of();
    }
    AppHost host = host();
    return apps.visible(user, catalog.all()).stream()
        .map(app -> new AppView(app.name(), app.node(), app.labels(), host.origin(app.name()) + "/"))
        .toList();
  }

  /**
   * The apps of {@code leaf} that {@code user} may open, as the leaf lists them, with their hosts
   * here (none for an app whose {@code APP--LEAF} is longer than a DNS label).
   */
  public List<AppView> visibleIn(UserIdentity user, String leaf) {
    if (gateway.host().isEmpty()) {
      return List.of();
    }
    AppHost host = host();
    return leaves.apps(user, leaf).stream()
        .map(app -> new AppView(app.name(), app.node(), app.labels(),
            new AppHost.LeafApp(app.name(), leaf).label().map(l -> host.origin(l) + "/").orElse(null)))
        .toList();
  }

  /**
   * Starts a launch for a console session; {@code name} is an app of this cluster or the {@code
   * APP--LEAF} of a leaf's app, whose leaf decides.
   *
   * @return the single-use URL that opens the app at {@code path}
   */
  public String launch(String consoleToken, String csrfToken, String name, String path,
      String remoteAddr) {
    Optional<AppHost.LeafApp> inLeaf = AppHost.leafApp(name).filter(app -> leaves.isLeaf(app.leaf()));
    PublishedApp app = inLeaf.map(found -> PublishedApp.ofLeaf(name, found.leaf()))
        .orElseGet(() -> online(name));
    String landing = path == null || path.isEmpty() ? "/" : LaunchPaths.valid(path)
        .orElseThrow(() -> OutpostException.badRequest("path must be a path on the app"));
    AppGrant launch = apps.launch(consoleToken, csrfToken, app, remoteAddr);
    inLeaf.ifPresent(found -> leaves.startApp(launch.caller().identity(), found.leaf(),
        found.app(), launch.caller().session(), remoteAddr));
    return host().origin(name) + AppGateway.LAUNCH_PATH + "?code=" + launch.token() + "&path="
        + URLEncoder.encode(landing, StandardCharsets.UTF_8);
  }

  /** A client certificate for {@code user} and app {@code name}, with the app's URL. */
  public AppCertificate certificate(UserIdentity user, String name, String tlsPublicKey,
      String remoteAddr) {
    PublishedApp app = online(name);
    return new AppCertificate(null, apps.issueCertificate(user, app, tlsPublicKey, remoteAddr),
        host().origin(name) + "/");
  }

  /**
   * A client certificate for {@code user} and app {@code name} of {@code leaf}, with the app's URL
   * here; the leaf decides and audits the app session the certificate's requests belong to.
   */
  public AppCertificate certificate(UserIdentity user, String leaf, String name,
      String tlsPublicKey, String remoteAddr) {
    String label = new AppHost.LeafApp(name, leaf).label().orElseThrow(() -> OutpostException
        .badRequest("app " + name + " of " + leaf + " cannot be served here: '" + name + "--"
            + leaf + "' is longer than a DNS label"));
    String pem = apps.issueCertificate(user, PublishedApp.ofLeaf(label, leaf), tlsPublicKey,
        remoteAddr);
    leaves.startApp(user, leaf, name, sessionOf(pem), remoteAddr);
    return new AppCertificate(null, pem, host().origin(label) + "/");
  }

  private static UUID sessionOf(String pem) {
    try {
      return AppCertificates.sessionOf((X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
    } catch (CertificateException e) {
      throw new IllegalStateException("cannot read the certificate just issued", e);
    }
  }

  private PublishedApp online(String name) {
    return catalog.find(name).map(AppCatalog.Entry::app)
        .orElseThrow(() -> OutpostException.notFound("app " + name + " is not online"));
  }

  private AppHost host() {
    return gateway.host().orElseThrow(() -> OutpostException.unavailable(
        "web apps need an apps domain: set OUTPOST_APPS_DOMAIN (the public address is an IP)"));
  }
}
