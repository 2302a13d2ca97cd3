package dev.outpost.api;

import java.util.Map;

/**
 * A web app the caller may open ({@code GET /api/v1/apps}, {@code GET /api/v1/console/apps}).
 *
 * @param name the app's name, its subdomain
 * @param node the node whose agent publishes it
 * @param labels the app's labels
 * @param publicUrl where the browser opens it, {@code https://NAME.DOMAIN:PORT/}
 */
public record AppView(String name, String node, Map<String, String> labels, String publicUrl) {}
