package dev.outpost.api;

import java.time.Instant;

/**
 * A join token not yet used nor expired, as {@code outpost admin tokens ls} shows it: never the
 * secret, which exists only as a hash.
 *
 * @param id what {@code tokens rm} takes
 * @param type what may join with it
 * @param expires when it stops being accepted
 * @param createdBy the admin who created it
 */
public record TokenView(String id, String type, Instant expires, String createdBy) {}
