/**
 * How a client trusts the proxy's TLS certificate: the stored cluster CA (normal), a CA pin (first
 * contact, {@code --ca-pin}), the system trust store, or nothing ({@code --insecure}).
 */
package dev.outpost.client.tls;
