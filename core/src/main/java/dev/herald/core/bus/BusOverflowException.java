package dev.herald.core.bus;

/** The outbox queue was full, so the event was not accepted; publish it again later. */
public final class BusOverflowException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public BusOverflowException(String message) {
    super(message);
  }
}
