package dev.herald.core.secret;

import org.jooq.DSLContext;

/** The sealer of stores opened without a key: any use is a programming error. */
enum RefusingSealer implements SecretSealer {
  INSTANCE;

  @Override
  public String seal(DSLContext tx, String plaintext, String context) {
    throw refused();
  }

  @Override
  public String open(DSLContext ctx, String stored, String context) {
    throw refused();
  }

  @Override
  public boolean isCurrent(DSLContext ctx, String stored) {
    throw refused();
  }

  private static IllegalStateException refused() {
    return new IllegalStateException(
        "webhook secrets need the secret keyring (expected: Stores.of(database, keyring))");
  }
}
