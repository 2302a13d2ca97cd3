/**
 * HTTP/1.1 as it travels on a kube stream: one request head (written by the proxy, rewritten by
 * the agent) and one response, framed by the stream itself (end of stream ends the response), so
 * that only heads are parsed and bodies, watches and upgraded connections pass as bytes.
 */
package dev.outpost.tunnel.http;
