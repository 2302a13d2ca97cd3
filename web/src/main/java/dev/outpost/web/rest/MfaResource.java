package dev.outpost.web.rest;

import dev.outpost.api.TotpEnrollmentRequest;
import dev.outpost.api.TotpSecretOffer;
import dev.outpost.api.TotpSecretRequest;
import dev.outpost.application.AuthService;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * TOTP enrolment by password: no bearer session, because a user whose roles require a second
 * factor cannot log in before enrolling one.
 */
@Path("mfa/totp")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MfaResource {

  @Inject AuthService auth;

  /** A fresh secret and its {@code otpauth://} URI; nothing is stored. */
  @POST
  @Path("secret")
  public TotpSecretOffer secret(TotpSecretRequest request) {
    return auth.offerTotpSecret(Requests.required(request));
  }

  /** Enrols the secret once the password (and current code, if any) and a new code match. */
  @POST
  public void enroll(TotpEnrollmentRequest request, @Context HttpServletRequest http) {
    auth.enrollTotp(Requests.required(request), http.getRemoteAddr());
  }
}
