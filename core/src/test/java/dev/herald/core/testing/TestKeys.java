package dev.herald.core.testing;

import dev.herald.core.secret.MasterKey;
import dev.herald.core.secret.SecretKeyring;
import dev.herald.core.store.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;

/** Keyrings for tests, under fixed master keys. */
public final class TestKeys {

  /** A master key that is only ever used in tests. */
  public static final String MASTER = "3q2+796tvu/erb7v3q2+796tvu/erb7v3q2+796tvu8=";

  /** Another test master key, for the wrong-key cases. */
  public static final String OTHER_MASTER = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

  private TestKeys() {}

  /** Returns a keyring for {@code database} under {@link #MASTER}. */
  public static SecretKeyring keyring(Database database) {
    return keyring(database, MASTER);
  }

  /**
   * Returns a keyring for {@code database} under the given base64 master key, also opening keys
   * wrapped under the {@code previous} ones.
   */
  public static SecretKeyring keyring(Database database, String master, String... previous) {
    return new SecretKeyring(
        MasterKey.parse(master, "the test key"),
        Arrays.stream(previous).map(p -> MasterKey.parse(p, "a previous test key")).toList(),
        database.dialect(),
        new SecureRandom(),
        Clock.systemUTC());
  }
}
