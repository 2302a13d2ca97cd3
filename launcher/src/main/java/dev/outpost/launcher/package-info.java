/**
 * Starts a whole local cluster on embedded defaults: Payara Server (installed by the build under
 * {@code target/payara6}), a configured domain, the deployed EAR and a demo agent. {@link
 * dev.outpost.launcher.RunLocalCluster} is what {@code ./mvnw -Prun} runs; the integration tests
 * start the same {@link dev.outpost.launcher.LocalCluster} once per test run, and a second one
 * inside a network namespace ({@link dev.outpost.launcher.ProcessNetwork}) where a test needs a
 * leaf cluster.
 */
package dev.outpost.launcher;
