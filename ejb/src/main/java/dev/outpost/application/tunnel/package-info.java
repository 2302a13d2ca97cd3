/**
 * Proof-of-possession authentication of agents and users: a {@link
 * dev.outpost.api.CertificateProof} over a challenge, with a certificate of the right type from
 * this cluster's CA, valid now, for a node or user that still exists. Used for tunnel handshakes
 * and host certificate renewal.
 */
package dev.outpost.application.tunnel;
