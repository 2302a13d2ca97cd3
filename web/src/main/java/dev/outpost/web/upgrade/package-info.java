/**
 * Upgraded HTTP connections (app WebSockets, {@code kubectl exec}/{@code attach}/{@code
 * port-forward}) spliced with a tunnel stream after the 101, with the Servlet API's non-blocking
 * I/O: what the apps proxy and the Kubernetes proxy share.
 */
package dev.outpost.web.upgrade;
