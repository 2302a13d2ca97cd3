/**
 * Starts a whole local cluster on embedded defaults: Payara Server (installed by the build under
 * {@code target/payara6}), a configured domain, the deployed EAR and a demo agent. {@link
 * dev.outpost.launcher.RunLocalCluster} is what {@code ./mvnw -Prun} runs; the integration tests
 * start the same {@link dev.outpost.launcher.LocalCluster} once per test run.
 */
package dev.outpost.launcher;
