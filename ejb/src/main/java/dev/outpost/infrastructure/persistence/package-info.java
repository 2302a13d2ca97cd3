/**
 * JPA repositories over the persistence unit {@code outpost} ({@code jdbc/outpost}: H2 by default,
 * PostgreSQL in production), and the schema's numbered Flyway migrations, applied by {@link
 * dev.outpost.infrastructure.persistence.SchemaMigration} before anything else starts. EclipseLink
 * never generates DDL. Keys are UUIDs in {@code VARCHAR(36)} columns and instants are {@code
 * TIMESTAMP WITH TIME ZONE} (UTC {@code OffsetDateTime} in the entities), both portable between
 * the two databases.
 */
package dev.outpost.infrastructure.persistence;
