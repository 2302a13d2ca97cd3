package dev.outpost.application.audit;

import dev.outpost.domain.audit.AuditEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Audit events reach the database, or the {@link AuditJournal} while the database cannot take
 * them; {@link #replay} moves journaled events into the database in the order they were journaled,
 * each once: an event whose id is already kept (its first write committed but the answer was lost)
 * is skipped.
 */
public final class DurableAuditTrail {
  private static final Logger LOG = Logger.getLogger(DurableAuditTrail.class.getName());

  /** Events written per transaction during replay. */
  static final int BATCH = 100;

  private final AuditWriter writer;
  private final AuditJournal journal;
  /** Whether the last replay stopped at a batch the database refused: warn once per outage. */
  private boolean waiting;

  public DurableAuditTrail(AuditWriter writer, AuditJournal journal) {
    this.writer = Objects.requireNonNull(writer, "writer");
    this.journal = Objects.requireNonNull(journal, "journal");
  }

  /**
   * Writes {@code event} to the database, else to the journal.
   *
   * @throws java.io.UncheckedIOException when neither took it
   */
  public void record(AuditEvent event) {
    try {
      writer.add(event);
    } catch (RuntimeException databaseDown) {
      journal.append(event);
      LOG.warning("audit database did not take event " + event.id() + " (" + rootCause(
          databaseDown) + "); kept in " + journal.file() + " until it is back");
    }
  }

  /**
   * Writes the journaled events to the database, batch by batch, dropping each batch from the
   * journal once written. Stops at the first batch the database does not take; the next call goes
   * on from there.
   *
   * @return how many events were new to the database
   */
  public synchronized int replay() {
    if (journal.isEmpty()) {
      return 0;
    }
    List<AuditJournal.Entry> entries = journal.read();
    int written = 0;
    for (int from = 0; from < entries.size(); from += BATCH) {
      List<AuditJournal.Entry> batch = entries.subList(from, Math.min(from + BATCH,
          entries.size()));
      List<AuditEvent> events = new ArrayList<>();
      batch.stream().map(AuditJournal.Entry::event).filter(Objects::nonNull).forEach(events::add);
      try {
        written += events.isEmpty() ? 0 : writer.addAbsent(events);
      } catch (RuntimeException stillDown) {
        if (!waiting) {
          LOG.warning("audit journal replay waits for the database, retrying every pass: "
              + rootCause(stillDown));
        }
        waiting = true;
        return written;
      }
      journal.drop(batch.get(batch.size() - 1).end());
    }
    waiting = false;
    LOG.info("audit journal replayed: " + written + " events written to the database");
    return written;
  }

  private static String rootCause(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }
}
