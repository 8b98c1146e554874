package dev.herald.host;

/** {@link CrashRecoveryContract} on SQLite. */
class SqliteCrashRecoveryIT extends CrashRecoveryContract {

  SqliteCrashRecoveryIT() {
    super(TestDatabase.sqlite());
  }
}
