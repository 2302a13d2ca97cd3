package dev.outpost.api;

import java.time.Instant;

/**
 * A new single-use join token: shown once, stored only as a hash.
 *
 * @param id names the token for {@code tokens ls} and {@code tokens rm}; not a secret
 * @param token the secret
 * @param type what may join with it
 * @param expires when it stops being accepted
 * @param caPin {@code sha256:HEX} pin of the cluster CA, for {@code --ca-pin}
 */
public record TokenResponse(String id, String token, String type, Instant expires, String caPin) {}
