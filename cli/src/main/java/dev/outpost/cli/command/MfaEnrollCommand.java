package dev.outpost.cli.command;

import dev.outpost.api.TotpEnrollmentRequest;
import dev.outpost.api.TotpSecretOffer;
import dev.outpost.api.TotpSecretRequest;
import dev.outpost.cli.CliException;
import dev.outpost.client.http.ApiClient;
import dev.outpost.client.http.ApiException;
import dev.outpost.client.http.ProxyConnectionException;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code outpost mfa enroll}: fetches a fresh TOTP secret, shows it (and its {@code otpauth://}
 * URI) for the authenticator app, then enrols it with the password and a code of the new secret.
 * Works before the first login, so users whose roles require a second factor can get one.
 */
@Command(
    name = "enroll",
    description = {
      "Enrol a TOTP authenticator: prints a secret and an otpauth:// URI, then asks for a code.",
      "With --password-stdin, the password and then the new code are read from standard input."
    })
final class MfaEnrollCommand extends BaseCommand {

  @Mixin ProxyLoginOptions options;

  @Option(
      names = "--totp",
      paramLabel = "CODE",
      description = "A current code of the secret you have now, to replace it.")
  String totp;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    String name = options.userName(environment());
    ApiClient api = options.api(options.pinnedTrust());
    LoginPrompts prompts = options.prompts(environment());
    String password = prompts.password(name, options.proxy.toString());
    TotpSecretOffer offer =
        call(() -> api.post("/api/v1/mfa/totp/secret", new TotpSecretRequest(name),
            TotpSecretOffer.class));
    out().printf("Add this secret to your authenticator app (or make a QR code of the URI):%n");
    out().printf("  Secret: %s%n", offer.secret());
    out().printf("  URI:    %s%n", offer.otpauthUri());
    out().flush();
    String code = prompts.totp();
    call(() -> {
      api.post("/api/v1/mfa/totp",
          new TotpEnrollmentRequest(name, password, totp, offer.secret(), code));
      return null;
    });
    out().printf("TOTP enrolled for %s. Log in with the current code when asked, or with"
        + " --totp=CODE.%n", offer.user());
    return OK;
  }

  private interface ProxyCall<T> {
    T run() throws ApiException, IOException;
  }

  private <T> T call(ProxyCall<T> request) throws CliException {
    try {
      return request.run();
    } catch (ProxyConnectionException e) {
      throw options.connectionFailure(e);
    } catch (ApiException e) {
      boolean replacing = e.status() == 401 && e.getMessage().contains("TOTP") && totp == null;
      throw CliException.failure("enrolment failed: " + e.getMessage()
          + (replacing ? " (to replace your secret, pass a current code with --totp)" : ""), e);
    } catch (IOException e) {
      throw CliException.failure("enrolment failed: " + e.getMessage(), e);
    }
  }
}
