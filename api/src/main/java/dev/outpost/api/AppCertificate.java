package dev.outpost.api;

/**
 * {@code POST /api/v1/apps/{name}/certificate}: a client certificate for scripts ({@code curl
 * --cert}). The request carries the public key, the answer the certificate and the app's URL.
 *
 * @param tlsPublicKey the client's public key as base64 DER SubjectPublicKeyInfo (request only)
 * @param certificatePem the X.509 client certificate in PEM, valid as long as the session (answer)
 * @param publicUrl where the app is, {@code https://NAME.DOMAIN:PORT/} (answer)
 */
public record AppCertificate(String tlsPublicKey, String certificatePem, String publicUrl) {}
