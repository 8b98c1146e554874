package dev.herald.host.plugin;

/**
 * Thrown when a managed plugin's handshake line is malformed or names a protocol the host does not
 * speak; retrying the same plugin will not help.
 */
public final class HandshakeException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that says what is wrong and quotes the line. */
  public HandshakeException(String message) {
    super(message);
  }
}
