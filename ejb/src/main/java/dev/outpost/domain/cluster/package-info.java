/**
 * Trusted clusters: a leaf cluster joins a root and keeps a tunnel to it; root users reach leaf
 * nodes with the leaf roles its {@link dev.outpost.domain.cluster.RoleMap} gives their root roles.
 */
package dev.outpost.domain.cluster;
