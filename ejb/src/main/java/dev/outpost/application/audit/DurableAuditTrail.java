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
 * is skipped. An event the database refuses for good ({@link DatabaseRefusal#isPermanent}) is
 * moved to the quarantine, a journal of its own that nothing deletes, so that it does not hold
 * back the events after it.
 */
public final class DurableAuditTrail {
  private static final Logger LOG = Logger.getLogger(DurableAuditTrail.class.getName());

  /** Events written per transaction during replay. */
  static final int BATCH = 100;

  private final AuditWriter writer;
  private final AuditJournal journal;
  private final AuditJournal quarantine;
  private final GroupCommit<AuditEvent> commits = new GroupCommit<>(this::writeTogether);
  /** Whether the last replay stopped at a batch the database refused: warn once per outage. */
  private boolean waiting;

  /**
   * @param quarantine where events the database refuses for good are kept, for an operator
   */
  public DurableAuditTrail(AuditWriter writer, AuditJournal journal, AuditJournal quarantine) {
    this.writer = Objects.requireNonNull(writer, "writer");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.quarantine = Objects.requireNonNull(quarantine, "quarantine");
  }

  /**
   * Writes {@code event} to the database, else to the journal. Events recorded at the same moment
   * by other threads go to the database in the same transaction ({@link GroupCommit}).
   *
   * @throws java.io.UncheckedIOException when neither took it
   */
  public void record(AuditEvent event) {
    commits.submit(List.of(event));
  }

  /**
   * Writes {@code events} to the database in one transaction (with those other threads record at
   * the same moment); when it does not take them together, each to the database, else to the
   * journal, so that none is lost.
   *
   * @throws java.io.UncheckedIOException when neither took one of them
   */
  public void recordAll(List<AuditEvent> events) {
    if (!events.isEmpty()) {
      commits.submit(events);
    }
  }

  private void writeTogether(List<AuditEvent> events) {
    if (events.size() > 1) {
      try {
        writer.addAll(events);
        return;
      } catch (RuntimeException refused) {
        if (!DatabaseRefusal.isPermanent(refused)) {
          events.forEach(event -> journal(event, refused)); // the database is away for all of them
          return;
        }
        // one of them is refused for good: find it by writing each on its own
      }
    }
    for (AuditEvent event : events) {
      try {
        writer.add(event);
      } catch (RuntimeException refused) {
        journal(event, refused);
      }
    }
  }

  private void journal(AuditEvent event, RuntimeException refused) {
    journal.append(event);
    LOG.warning("audit database did not take event " + event.id() + " ("
        + DatabaseRefusal.describe(refused) + "); kept in " + journal.file()
        + (DatabaseRefusal.isPermanent(refused) ? " for the replay to quarantine"
            : " until it is back"));
  }

  /**
   * Writes the journaled events to the database, batch by batch, dropping each batch from the
   * journal once written. A batch refused for good is written event by event, each event refused
   * for good going to the quarantine. Stops at the first refusal that may pass (the database is
   * away); the next call goes on from there.
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
      Pass pass = write(batch);
      written += pass.written();
      if (pass.end() > 0) {
        journal.drop(pass.end());
      }
      if (pass.stoppedBy() != null) {
        if (!waiting) {
          LOG.warning("audit journal replay waits for the database, retrying every pass: "
              + DatabaseRefusal.rootCause(pass.stoppedBy()));
        }
        waiting = true;
        return written;
      }
    }
    waiting = false;
    LOG.info("audit journal replayed: " + written + " events written to the database");
    return written;
  }

  /** How many events the quarantine holds. */
  public int quarantined() {
    return quarantine.read().size();
  }

  /**
   * What one batch came to.
   *
   * @param written events new to the database
   * @param end the journal offset up to which the batch is done (written or quarantined), 0 for
   *     none of it
   * @param stoppedBy the refusal that may pass and stopped the replay, or null
   */
  private record Pass(int written, long end, RuntimeException stoppedBy) {}

  private Pass write(List<AuditJournal.Entry> batch) {
    List<AuditEvent> events = events(batch);
    try {
      return new Pass(events.isEmpty() ? 0 : writer.addAbsent(events),
          batch.get(batch.size() - 1).end(), null);
    } catch (RuntimeException refused) {
      if (!DatabaseRefusal.isPermanent(refused)) {
        return new Pass(0, 0, refused);
      }
      return oneByOne(batch);
    }
  }

  /** Finds the events of a batch the database refuses for good, by writing each on its own. */
  private Pass oneByOne(List<AuditJournal.Entry> batch) {
    int written = 0;
    long end = 0;
    for (AuditJournal.Entry entry : batch) {
      if (entry.event() != null) {
        try {
          written += writer.addAbsent(List.of(entry.event()));
        } catch (RuntimeException refused) {
          if (!DatabaseRefusal.isPermanent(refused)) {
            return new Pass(written, end, refused);
          }
          quarantine(entry.event(), refused);
        }
      }
      end = entry.end();
    }
    return new Pass(written, end, null);
  }

  /** Kept before the journal drops it: a crash in between quarantines it twice, never loses it. */
  private void quarantine(AuditEvent event, RuntimeException refused) {
    quarantine.append(event);
    LOG.warning("audit event " + event.id() + " (" + event.record().type().wireName() + " at "
        + event.time() + ") refused by the database for good (" + DatabaseRefusal.describe(refused)
        + "): moved to " + quarantine.file() + ", which now holds " + quarantined()
        + " events; replay goes on");
  }

  private static List<AuditEvent> events(List<AuditJournal.Entry> batch) {
    List<AuditEvent> events = new ArrayList<>();
    batch.stream().map(AuditJournal.Entry::event).filter(Objects::nonNull).forEach(events::add);
    return events;
  }
}
