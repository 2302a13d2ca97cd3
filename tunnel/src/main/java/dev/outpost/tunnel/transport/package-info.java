/**
 * Frame transports that need no network: {@link dev.outpost.tunnel.transport.InMemoryTransport}
 * connects two tunnel peers inside one JVM, so that the protocol and everything built on it can be
 * tested in milliseconds.
 */
package dev.outpost.tunnel.transport;
