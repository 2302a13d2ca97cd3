package dev.outpost.web.apps;

import dev.outpost.api.AppCertificate;
import dev.outpost.api.AppView;
import dev.outpost.application.AppService;
import dev.outpost.application.apps.PublishedApp;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.UserIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What the console and the CLI ask about apps: which ones the user may open, and launches. */
@ApplicationScoped
public class AppDirectory {

  @Inject AppCatalog catalog;
  @Inject AppGateway gateway;
  @Inject AppService apps;

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
   * Starts a launch for a console session.
   *
   * @return the single-use URL that opens the app at {@code path}
   */
  public String launch(String consoleToken, String csrfToken, String name, String path,
      String remoteAddr) {
    PublishedApp app = online(name);
    String landing = path == null || path.isEmpty() ? "/" : LaunchPaths.valid(path)
        .orElseThrow(() -> OutpostException.badRequest("path must be a path on the app"));
    String code = apps.launch(consoleToken, csrfToken, app, remoteAddr);
    return host().origin(name) + AppGateway.LAUNCH_PATH + "?code=" + code + "&path="
        + URLEncoder.encode(landing, StandardCharsets.UTF_8);
  }

  /** A client certificate for {@code user} and app {@code name}, with the app's URL. */
  public AppCertificate certificate(UserIdentity user, String name, String tlsPublicKey,
      String remoteAddr) {
    PublishedApp app = online(name);
    return new AppCertificate(null, apps.issueCertificate(user, app, tlsPublicKey, remoteAddr),
        host().origin(name) + "/");
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
