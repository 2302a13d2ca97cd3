package dev.outpost.cli.command;

import dev.outpost.api.LoginRequest;
import dev.outpost.api.LoginResponse;
import dev.outpost.cli.CliException;
import dev.outpost.cli.output.Text;
import dev.outpost.cli.profile.LoginKeys;
import dev.outpost.cli.profile.Profile;
import dev.outpost.cli.profile.TlsTrust;
import dev.outpost.client.http.ApiClient;
import dev.outpost.client.http.ApiException;
import dev.outpost.client.http.ProxyConnectionException;
import dev.outpost.client.tls.CaPin;
import dev.outpost.client.tls.Pem;
import dev.outpost.client.tls.PinnedTrust;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code outpost login}: trades a password (and TOTP), or a single sign-on, for short-lived
 * certificates.
 */
@Command(
    name = "login",
    description =
        "Log in and store short-lived SSH and TLS certificates in the credential directory.")
final class LoginCommand extends BaseCommand {

  @Mixin ProxyLoginOptions options;

  @Option(
      names = "--ttl",
      paramLabel = "DURATION",
      description = "Certificate lifetime, such as 8h (default: the proxy's, 12h).")
  Ttl ttl;

  @Option(
      names = "--totp",
      paramLabel = "CODE",
      description = "The current one-time code of your authenticator (asked for when needed).")
  String totp;

  @Option(
      names = "--auth",
      paramLabel = "local|oidc",
      description = "local: user name and password (default); oidc: single sign-on in a browser.")
  String auth = "local";

  @Option(
      names = "--connector",
      paramLabel = "NAME",
      description = "With --auth=oidc: the SSO connector (default: the only one).")
  String connector;

  @Option(
      names = "--headless",
      description = "With --auth=oidc: sign in on another device with a code (device grant).")
  boolean headless;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    boolean oidc = "oidc".equals(auth);
    if (!oidc && !"local".equals(auth)) {
      throw CliException.usage("--auth must be local or oidc, not " + auth);
    }
    if (headless && !oidc) {
      throw CliException.usage("--headless needs --auth=oidc");
    }
    if (oidc && (options.user != null || options.passwordStdin || totp != null)) {
      throw CliException.usage("--auth=oidc takes no --user, --password-stdin or --totp: the "
          + "identity provider says who you are");
    }
    PinnedTrust pinned = options.pinnedTrust();
    LoginKeys keys = generateKeys();
    ApiClient api = options.api(pinned);
    LoginResponse answer =
        oidc ? signIn(api, keys) : logIn(api, options.userName(environment()), keys);
    if (pinned != null) {
      requirePinnedCa(pinned.pin(), answer);
    }
    Profile profile =
        save(
            answer,
            keys,
            pinned == null && !options.insecure ? TlsTrust.SYSTEM : TlsTrust.CLUSTER_CA);
    if (options.insecure) {
      err()
          .println(
              "outpost: warning: the proxy's certificate was not verified (--insecure); its cluster"
                  + " CA is trusted from now on");
    }
    out()
        .printf(
            "Logged in as %s on cluster %s through %s.%n",
            profile.user(), profile.cluster(), profile.proxy());
    out().printf("  Roles:       %s%n", Text.list(profile.roles()));
    out().printf("  Logins:      %s%n", Text.list(profile.logins()));
    out().printf("  Valid until: %s%n", Text.instant(profile.expires()));
    return OK;
  }

  private LoginResponse signIn(ApiClient api, LoginKeys keys) throws CliException, IOException {
    try {
      OidcSignIn signIn = new OidcSignIn(api, out());
      String ttlText = ttl == null ? null : ttl.text();
      return headless ? signIn.logInHeadless(connector, keys, ttlText)
          : signIn.logIn(connector, keys, ttlText);
    } catch (ProxyConnectionException e) {
      throw options.connectionFailure(e);
    } catch (ApiException e) {
      throw CliException.failure("login failed: " + e.getMessage(), e);
    }
  }

  private LoginResponse logIn(ApiClient api, String name, LoginKeys keys)
      throws CliException, ApiException, IOException {
    LoginPrompts prompts = options.prompts(environment());
    String password = prompts.password(name, options.proxy.toString());
    String ttlText = ttl == null ? null : ttl.text();
    LoginRequest request =
        new LoginRequest(
            name, password, totp, keys.sshPublicKeyLine(), keys.tlsPublicKeyBase64(), ttlText);
    try {
      return post(api, request);
    } catch (ApiException e) {
      if (totp != null
          || e.status() != 401
          || !e.getMessage().toLowerCase(Locale.ROOT).contains("totp")) {
        throw CliException.failure("login failed: " + e.getMessage(), e);
      }
    }
    LoginRequest withTotp =
        new LoginRequest(
            name,
            password,
            prompts.totp(),
            request.sshPublicKey(),
            request.tlsPublicKey(),
            ttlText);
    try {
      return post(api, withTotp);
    } catch (ApiException e) {
      throw CliException.failure("login failed: " + e.getMessage(), e);
    }
  }

  private LoginResponse post(ApiClient api, LoginRequest request)
      throws ApiException, CliException {
    try {
      return api.post("/api/v1/login", request, LoginResponse.class);
    } catch (ProxyConnectionException e) {
      throw options.connectionFailure(e);
    } catch (IOException e) {
      throw CliException.failure("login failed: " + e.getMessage(), e);
    }
  }

  /**
   * The proxy must vouch for the very CA the pin named, else later commands would trust another.
   */
  private static void requirePinnedCa(CaPin pin, LoginResponse answer) throws CliException {
    try {
      if (!pin.matches(Pem.parseCertificate(answer.tlsCaPem()))) {
        throw CliException.failure("the proxy's cluster CA does not match --ca-pin " + pin);
      }
    } catch (GeneralSecurityException e) {
      throw CliException.failure("the proxy sent an unreadable cluster CA: " + e.getMessage(), e);
    }
  }

  private static LoginKeys generateKeys() throws CliException {
    try {
      return LoginKeys.generate();
    } catch (GeneralSecurityException e) {
      throw CliException.failure("cannot generate keys: " + e.getMessage(), e);
    }
  }

  private Profile save(LoginResponse answer, LoginKeys keys, TlsTrust trust) throws CliException {
    try {
      return store().save(options.proxy, answer, keys, trust, options.insecure);
    } catch (GeneralSecurityException e) {
      throw CliException.failure("refusing the proxy's answer: " + e.getMessage(), e);
    } catch (IOException e) {
      throw CliException.failure(
          "cannot store credentials in " + store().home().dir() + ": " + e.getMessage(), e);
    }
  }
}
