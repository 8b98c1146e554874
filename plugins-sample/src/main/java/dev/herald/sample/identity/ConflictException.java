package dev.herald.sample.identity;

import org.jooq.exception.DataAccessException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** A change would break a uniqueness rule (a taken name, an existing link); answered with 409. */
final class ConflictException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** PostgreSQL's SQLSTATE for a duplicate primary key or unique value. */
  private static final String UNIQUE_VIOLATION = "23505";

  ConflictException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Returns whether {@code e} is the database refusing a duplicate primary key or unique value. */
  static boolean isDuplicate(DataAccessException e) {
    SQLiteException sqlite = e.getCause(SQLiteException.class);
    if (sqlite != null) {
      return sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
          || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
    }
    return UNIQUE_VIOLATION.equals(e.sqlState());
  }
}
