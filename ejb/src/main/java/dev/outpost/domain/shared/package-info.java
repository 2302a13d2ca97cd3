/**
 * What every concept shares: the one error type ({@link dev.outpost.domain.shared.OutpostException}
 * with its {@link dev.outpost.domain.shared.OutpostException.Kind}), lifetimes as users write them
 * ({@code 30m}, {@code 12h}) and random bearer secrets stored only as hashes, with the expiry and
 * single end ({@link dev.outpost.domain.shared.ExpiringSecret}) that sessions, join tokens and
 * invites share.
 */
package dev.outpost.domain.shared;
