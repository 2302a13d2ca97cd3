package dev.outpost.api;

/**
 * {@code POST /api/v1/console/apps/{name}/launch}: the request names where in the app to land;
 * the answer is the single-use URL on the app's subdomain that sets the app cookie.
 *
 * @param path a path on the app ({@code /} when absent)
 * @param url the launch URL (answer only)
 */
public record AppLaunch(String path, String url) {}
