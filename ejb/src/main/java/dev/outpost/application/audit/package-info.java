/**
 * The audit trail's way to the database: {@link dev.outpost.application.audit.DurableAuditTrail}
 * writes events recorded at the same moment in one transaction ({@link
 * dev.outpost.application.audit.GroupCommit}), keeps events the database cannot take in an fsync'd
 * {@link dev.outpost.application.audit.AuditJournal} and replays them, each once, when it is back; {@link
 * dev.outpost.application.audit.RetentionSweep} deletes audit events and recordings older than their
 * retention and audits that it did.
 */
package dev.outpost.application.audit;
