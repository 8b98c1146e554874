package dev.herald.core.store;

/** The database could not be reached (down, refusing connections, or refusing the credentials). */
public final class DatabaseUnreachableException extends DatabaseException {

  private static final long serialVersionUID = 1L;

  public DatabaseUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
