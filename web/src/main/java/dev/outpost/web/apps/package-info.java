/**
 * The app proxy: web apps on devices served on their own subdomains of the apps domain.
 *
 * <pre>
 *  browser ── https://grafana.DOMAIN/x ──▶ AppHostFilter (Host names an app?) ──▶ AppGateway
 *                                              │ no: on to the console, REST, WebSockets
 *    no app cookie: 302 to https://DOMAIN/launch.html (console login, then a launch code)
 *    /.outpost/launch?code=…: redeem, set __Host-outpost-app, 302 to the path
 *    app cookie ok: AppExchange ══ app?name=grafana stream on the node's tunnel ══▶ agent ─▶ upstream
 * </pre>
 *
 * {@link dev.outpost.web.apps.AppCatalog} knows which online agent publishes which app: the proxy
 * asks each agent on every tunnel it accepts. On a root, {@code APP--LEAF.DOMAIN} is app {@code
 * APP} of leaf cluster {@code LEAF}: the gateway checks the root's side and relays the request on
 * the leaf's tunnel; on the leaf, {@link dev.outpost.web.apps.RootAppRequests} decides, signs and
 * audits it as the owner of the app.
 */
package dev.outpost.web.apps;
