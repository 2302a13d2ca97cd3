package dev.outpost.application.audit;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;

/**
 * Why the database did not take an audit event: because of the event itself, which no retry
 * changes (SQLSTATE class 22, data exception: a value too long, a character the encoding refuses;
 * class 23, integrity constraint violation), or for any other reason, which is taken as transient
 * (connection lost, server down, pool exhausted, timeout, a failed commit without a cause): waiting
 * is always safe, while quarantining a good event because of an outage would take it out of the
 * audit log for no reason.
 */
public final class DatabaseRefusal {
  private static final String DATA_EXCEPTION = "22";
  private static final String CONSTRAINT_VIOLATION = "23";

  private DatabaseRefusal() {}

  /** Whether {@code failure} (with its causes, as EJB and JPA wrap them) is about the data. */
  public static boolean isPermanent(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = next(cause)) {
      if (cause instanceof SQLDataException
          || cause instanceof SQLIntegrityConstraintViolationException) {
        return true;
      }
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState().startsWith(DATA_EXCEPTION)
            || sql.getSQLState().startsWith(CONSTRAINT_VIOLATION);
      }
    }
    return false;
  }

  /**
   * How a log line names {@code failure}: a refusal for good by SQLSTATE and class only, e.g.
   * {@code SQLSTATE 22001 (JdbcSQLDataException)}, since the database's message may quote the
   * refused values; any other by its root cause.
   */
  public static String describe(Throwable failure) {
    if (!isPermanent(failure)) {
      return rootCause(failure);
    }
    Throwable cause = failure;
    while (!(cause instanceof SQLException)) {
      cause = next(cause);
    }
    return "SQLSTATE " + ((SQLException) cause).getSQLState() + " ("
        + cause.getClass().getSimpleName() + ")";
  }

  /** The innermost cause, as {@code Class: message}, for a log line. */
  public static String rootCause(Throwable failure) {
    Throwable cause = failure;
    while (next(cause) != null) {
      cause = next(cause);
    }
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }

  private static Throwable next(Throwable cause) {
    Throwable next = cause.getCause();
    return next == cause ? null : next;
  }
}
