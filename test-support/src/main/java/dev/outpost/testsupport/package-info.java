/**
 * Real servers that tests of several modules start for themselves: {@link
 * dev.outpost.testsupport.PostgresServer} for the persistence tests of {@code ejb} and the
 * database outage suite of {@code it}. Depended on in test scope only.
 */
package dev.outpost.testsupport;
