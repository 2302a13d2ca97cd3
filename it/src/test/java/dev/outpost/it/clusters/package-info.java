/**
 * Tests with a second cluster, the leaf, on a site of its own ({@link dev.outpost.it.LeafSite}):
 * its proxy in a network namespace that may only dial out to the test cluster, its agents behind
 * it in another.
 */
package dev.outpost.it.clusters;
