/**
 * One class per measurement, each returning plain numbers: {@link
 * dev.outpost.bench.measure.Samples} of repeated timings, or readings of another process ({@code
 * /proc}, {@code jcmd}). No measurement asserts anything; the caller compares with the targets.
 */
package dev.outpost.bench.measure;
