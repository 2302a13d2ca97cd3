/**
 * The HTTP/1.1 that web-app streams carry: a request or response head read with a size limit and
 * written back in canonical form, and chunked bodies. Shared by the proxy, which turns a browser's
 * request into one {@code app} stream, and the agent, which checks that head before it reaches the
 * app's upstream. Plain Java, no container.
 */
package dev.outpost.tunnel.http;
