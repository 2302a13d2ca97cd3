package dev.outpost.api;

import java.time.Instant;
import java.util.List;

/**
 * Answer to a successful login.
 *
 * @param user user name (also the certificates' key id)
 * @param cluster cluster name
 * @param roles the user's roles
 * @param logins OS logins the certificate names as principals
 * @param sessionToken bearer token for the REST API, valid until {@code expires}
 * @param sshCertificate the signed OpenSSH user certificate (authorized_keys format)
 * @param tlsCertificatePem the X.509 client certificate in PEM, null when no TLS key was sent
 * @param tlsCaPem the cluster's X.509 CA in PEM
 * @param hostCaKeys OpenSSH host CA keys, for the {@code @cert-authority} known_hosts line
 * @param expires end of validity of the session and both certificates
 */
public record LoginResponse(
    String user,
    String cluster,
    List<String> roles,
    List<String> logins,
    String sessionToken,
    String sshCertificate,
    String tlsCertificatePem,
    String tlsCaPem,
    List<String> hostCaKeys,
    Instant expires) {}
