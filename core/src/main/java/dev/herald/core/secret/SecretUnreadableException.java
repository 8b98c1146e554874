package dev.herald.core.secret;

/**
 * A stored secret or data key that cannot be opened: the wrong master key, a missing data key, or
 * changed bytes. Its message names where the value is stored, never the value.
 */
public final class SecretUnreadableException extends RuntimeException {

  /** Creates the exception with a message naming where and why. */
  public SecretUnreadableException(String message) {
    super(message);
  }
}
