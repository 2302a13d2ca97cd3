package dev.outpost.cli.profile;

import dev.outpost.client.http.ProxyAddress;
import java.time.Instant;
import java.util.List;

/**
 * What a login leaves behind besides keys, stored as {@code profile.json}.
 *
 * @param proxy {@code HOST:PORT}
 * @param user user name
 * @param cluster cluster name, the suffix of node addresses
 * @param sessionToken bearer token for the REST API
 * @param expires end of validity of the session and the certificates
 * @param insecure whether the login skipped TLS verification (and so trusted the CA it was sent)
 * @param tlsTrust how later commands trust the proxy
 * @param roles the user's roles at login
 * @param logins the OS logins the certificate names
 */
public record Profile(
    String proxy,
    String user,
    String cluster,
    String sessionToken,
    Instant expires,
    boolean insecure,
    TlsTrust tlsTrust,
    List<String> roles,
    List<String> logins) {

  public ProxyAddress proxyAddress() {
    return ProxyAddress.parse(proxy);
  }

  public boolean hasExpired(Instant now) {
    return expires == null || !now.isBefore(expires);
  }
}
