/**
 * Nodes: machines whose agents joined the cluster and hold a reverse tunnel to a proxy. A node is
 * named by a DNS label unique in its cluster, carries validated labels and the fingerprint of the
 * host key its certificate is for, and records which tunnel of which proxy currently serves it.
 */
package dev.outpost.domain.node;
