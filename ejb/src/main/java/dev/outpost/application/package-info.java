/**
 * The proxy's services as the web layer calls them: thin EJB facades that set the transaction,
 * inject repositories, clock and randomness, and delegate to plain logic classes in the concept
 * packages ({@code login}, {@code join}, {@code tunnel}, {@code access}, {@code admin}).
 *
 * <p>Errors are {@link dev.outpost.domain.shared.OutpostException}s: application exceptions that
 * roll the transaction back and reach the caller unwrapped. Audit events go through {@link
 * dev.outpost.application.AuditLog} in a transaction of their own, so refused operations still
 * leave theirs. Startup order: {@code SchemaMigration}, then {@link
 * dev.outpost.application.BootstrapAdmin}; {@link
 * dev.outpost.application.CertificateAuthorityService} opens the CAs and the TLS keystore
 * independently of the database.
 */
package dev.outpost.application;
