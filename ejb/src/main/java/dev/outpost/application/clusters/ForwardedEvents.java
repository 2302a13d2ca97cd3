package dev.outpost.application.clusters;

import dev.outpost.api.AuditEventView;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.Outcome;
import dev.outpost.domain.shared.OutpostException;
import java.util.Locale;

/**
 * The audit events a leaf forwards to its root, checked before the root keeps them: a known type
 * and outcome, an id and a time, short fields. The root files each under the leaf's name, never a
 * name the event claims, so a leaf can add to its own part of the log only.
 */
public final class ForwardedEvents {
  static final int MAX_FIELD = 1024;

  private ForwardedEvents() {}

  /** @throws OutpostException BAD_REQUEST naming what is wrong */
  public static AuditRecord record(AuditEventView event) {
    if (event == null || event.id() == null || event.time() == null || event.type() == null) {
      throw OutpostException.badRequest("a forwarded event needs an id, a time and a type");
    }
    Outcome outcome;
    try {
      outcome = Outcome.valueOf(String.valueOf(event.outcome()).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw OutpostException.badRequest("unknown outcome '" + event.outcome() + "'");
    }
    return new AuditRecord(AuditEventType.fromWireName(event.type()), outcome,
        cut(event.actor()), cut(event.target()), cut(event.node()), cut(event.login()),
        event.sessionId(), cut(event.remoteAddr()), cut(event.reason()));
  }

  private static String cut(String value) {
    if (value == null) {
      return null;
    }
    String printable = value.replaceAll("\\p{Cntrl}", "?");
    return printable.length() > MAX_FIELD ? printable.substring(0, MAX_FIELD) : printable;
  }
}
