/**
 * The proxy's REST API as seen by a client: {@link dev.outpost.client.http.ApiClient} over the JDK
 * HTTP client, the wire JSON dialect, and the two ways a call fails (the proxy said no, or the
 * proxy could not be reached).
 */
package dev.outpost.client.http;
