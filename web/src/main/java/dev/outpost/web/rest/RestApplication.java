package dev.outpost.web.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * Mounts the REST resources under {@code /api/v1}. Payara describes them at {@code /openapi}
 * (MicroProfile OpenAPI), with the summaries of the resources' annotations.
 */
@ApplicationPath("/api/v1")
@OpenAPIDefinition(info = @Info(title = "Outpost", version = "1",
    description = "Secure access to edge devices: login, nodes, administration"))
@SecurityScheme(securitySchemeName = "session", type = SecuritySchemeType.HTTP, scheme = "bearer",
    description = "the session token of POST /api/v1/login")
public class RestApplication extends Application {}
