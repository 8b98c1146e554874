package dev.herald.host;

/** {@link CrashRecoveryContract} on PostgreSQL. */
class PostgresCrashRecoveryIT extends CrashRecoveryContract {

  PostgresCrashRecoveryIT() {
    super(TestDatabase.postgres());
  }
}
