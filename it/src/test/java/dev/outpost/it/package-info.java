/**
 * The test harness shared by every suite: {@link dev.outpost.it.ClusterSession} starts one real
 * Payara Server with the real EAR for the whole run ({@link dev.outpost.it.TestCluster}); {@link
 * dev.outpost.it.EdgeHost} makes a Linux network namespace that can only dial out to the proxy
 * and runs an agent in it; {@link dev.outpost.it.Cli} and {@link dev.outpost.it.Command} run the
 * real {@code outpost} CLI and OpenSSH clients. Each suite creates its own uniquely named users and
 * nodes, so one server serves them all.
 */
package dev.outpost.it;
