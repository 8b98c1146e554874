package dev.herald.core.secret;

import org.jooq.DSLContext;

/**
 * Seals secrets before they are stored and opens them when read. The {@code context} names where a
 * value is stored (table, column and row), and a value opens only under the context it was sealed
 * with, so sealed values cannot be swapped between rows or columns.
 */
public interface SecretSealer {

  /** Returns the stored form of {@code plaintext}, sealed under the active key. */
  String seal(DSLContext tx, String plaintext, String context);

  /**
   * Returns the plaintext of {@code stored}; a value stored before encryption existed is returned
   * as it is, until {@link #isCurrent} says it must be sealed.
   *
   * @throws SecretUnreadableException when it cannot be opened
   */
  String open(DSLContext ctx, String stored, String context);

  /** Returns whether {@code stored} is sealed under the active key; plaintext never is. */
  boolean isCurrent(DSLContext ctx, String stored);

  /** Returns a sealer that refuses every call, for tools that never read or write secrets. */
  static SecretSealer refusing() {
    return RefusingSealer.INSTANCE;
  }
}
