/**
 * Trusted clusters as plain services: a leaf joining a root ({@link
 * dev.outpost.application.clusters.LeafJoining}, on the root), a leaf keeping the trust in its
 * root and mapping root users' roles ({@link dev.outpost.application.clusters.RootTrusts}), and
 * ending a trust ({@link dev.outpost.application.clusters.ClusterRemoval}).
 */
package dev.outpost.application.clusters;
