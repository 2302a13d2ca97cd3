/**
 * The REST API under {@code /api/v1}: JSON-B with snake_case names, bearer-session
 * authentication through {@link dev.outpost.web.rest.Authenticated}, and one error shape
 * ({@link dev.outpost.api.ErrorResponse}) for every failure.
 */
package dev.outpost.web.rest;
