/**
 * Proxy configuration: every setting comes from a system property ({@code outpost.cluster.name})
 * or else its environment twin ({@code OUTPOST_CLUSTER_NAME}), else a default. Secrets that are
 * not supplied (CA passphrase, bootstrap admin password) are generated once into owner-only files
 * under {@code <data>/secrets/}. {@link dev.outpost.config.RuntimeProducers} makes the
 * configuration, the clock and the random source injectable, so that tests can fix them.
 */
package dev.outpost.config;
