/**
 * The audit trail: a closed set of {@link dev.outpost.domain.audit.AuditEventType}s, each event
 * with actor, target node, login, session id, remote address and outcome, stamped with time and
 * cluster when recorded. Logic describes what happened as an {@link
 * dev.outpost.domain.audit.AuditRecord} and hands it to an {@link
 * dev.outpost.domain.audit.AuditRecorder}, which in the container commits it in a transaction of
 * its own so that refused operations leave their event too.
 */
package dev.outpost.domain.audit;
