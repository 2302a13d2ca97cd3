package dev.outpost.api;

/** {@code POST /api/v1/sso/cli/device/start}: a headless CLI asks to sign in through a connector. */
public record SsoDeviceStart(String connector) {}
