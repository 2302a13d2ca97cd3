/**
 * Web app access end to end: a real HTTP upstream inside the edge's network namespace, published
 * by the agent with {@code --app}, used through the proxy's app subdomains.
 */
package dev.outpost.it.apps;
