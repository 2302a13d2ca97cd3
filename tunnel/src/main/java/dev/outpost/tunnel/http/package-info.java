/**
 * HTTP/1.1 as it travels on {@code kube} and {@code app} streams: a request or response head read
 * with a size limit and written back in canonical form, and chunked bodies. The proxy writes one
 * request head per stream; the agent checks and rewrites it before it reaches the API server or
 * the app's upstream. Only heads are parsed: bodies, watches and upgraded connections pass as
 * bytes. Plain Java, no container.
 */
package dev.outpost.tunnel.http;
