package dev.outpost.web.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Mounts the REST resources under {@code /api/v1}. */
@ApplicationPath("/api/v1")
public class RestApplication extends Application {}
