/**
 * What the Kubernetes and app proxies share about HTTP exchanges that wait on a tunnel stream:
 * they run off the container's request threads, which also read the tunnels.
 */
package dev.outpost.web.exchange;
