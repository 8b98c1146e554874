package dev.herald.core.secret;

import static dev.herald.core.store.jooq.Tables.SECRET_KEYS;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.herald.core.store.Dialect;
import dev.herald.core.store.jooq.tables.records.SecretKeysRecord;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jooq.DSLContext;

/**
 * The data keys in {@code secret_keys}, each wrapped under the master key; the newest generation is
 * active. Nodes sharing a database share the keys, and a node that meets a key another node added
 * reads it from the table, so a rotation never stops a running node.
 */
public final class SecretKeyring implements SecretSealer {

  private static final String KEY_ID_PREFIX = "k";
  private static final String MASTER_KEY_ID = "master";

  private final MasterKey master;
  private final Dialect dialect;
  private final GcmCipher cipher;
  private final SecureRandom random;
  private final Clock clock;
  // Unwrapped data keys by generation; a generation's key never changes once stored.
  private final Map<Long, SecretKey> opened = new ConcurrentHashMap<>();

  /**
   * Creates the keyring of a database of {@code dialect}, its keys wrapped under {@code master}.
   */
  public SecretKeyring(MasterKey master, Dialect dialect, SecureRandom random, Clock clock) {
    this.master = requireNonNull(master, "master");
    this.dialect = requireNonNull(dialect, "dialect");
    this.random = requireNonNull(random, "random");
    this.cipher = new GcmCipher(random);
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Opens every stored data key, adding the first one when there is none.
   *
   * @throws SecretUnreadableException when the master key is not the one that wrapped them
   */
  public void check(DSLContext tx) {
    tx.selectFrom(SECRET_KEYS).forEach(this::unwrap);
    if (active(tx).isEmpty()) {
      rotate(tx);
    }
  }

  /** Adds a new data key and makes it the active one; returns its id. */
  public String rotate(DSLContext tx) {
    // Nodes rotating at once take turns, so generations never collide.
    dialect.lock(tx, "herald.secret_keys");
    long generation = active(tx).map(SecretKeysRecord::getGeneration).orElse(0L) + 1;
    byte[] key = new byte[MasterKey.BYTES];
    random.nextBytes(key);
    byte[] wrapped = cipher.seal(master.secretKey(), key, wrappingContext(generation));
    tx.insertInto(SECRET_KEYS)
        .set(SECRET_KEYS.GENERATION, generation)
        .set(SECRET_KEYS.WRAPPED_KEY, new SealedText(MASTER_KEY_ID, wrapped).text())
        .set(SECRET_KEYS.CREATED_AT, clock.millis())
        .execute();
    opened.put(generation, new SecretKeySpec(key, "AES"));
    return keyId(generation);
  }

  /** Returns the id of the active key, if there is one yet. */
  public Optional<String> activeKeyId(DSLContext ctx) {
    return active(ctx).map(r -> keyId(r.getGeneration()));
  }

  @Override
  public String seal(DSLContext tx, String plaintext, String context) {
    requireNonNull(plaintext, "plaintext");
    SecretKeysRecord active =
        active(tx)
            .orElseGet(
                () -> {
                  rotate(tx);
                  return active(tx).orElseThrow();
                });
    byte[] sealed = cipher.seal(unwrap(active), plaintext.getBytes(UTF_8), context.getBytes(UTF_8));
    return new SealedText(keyId(active.getGeneration()), sealed).text();
  }

  @Override
  public String open(DSLContext ctx, String stored, String context) {
    requireNonNull(stored, "stored");
    Optional<SealedText> parsed = SealedText.parse(stored);
    if (parsed.isEmpty()) {
      if (stored.startsWith("enc:")) {
        throw new SecretUnreadableException(context + ": not in the form enc:v1:<key-id>:<base64>");
      }
      // Stored before secrets were encrypted; sealed at the next start.
      return stored;
    }
    SealedText sealed = parsed.get();
    SecretKey key = dataKey(ctx, sealed.keyId(), context);
    try {
      return new String(cipher.open(key, sealed.sealed(), context.getBytes(UTF_8)), UTF_8);
    } catch (AEADBadTagException e) {
      throw new SecretUnreadableException(
          context
              + ": does not open under key "
              + sealed.keyId()
              + " (changed, or moved from another row)");
    }
  }

  @Override
  public boolean isCurrent(DSLContext ctx, String stored) {
    Optional<SealedText> parsed = SealedText.parse(stored);
    return parsed.isPresent()
        && active(ctx).map(r -> keyId(r.getGeneration())).orElse("").equals(parsed.get().keyId());
  }

  private SecretKey dataKey(DSLContext ctx, String keyId, String context) {
    long generation = generationOf(keyId);
    SecretKey known = opened.get(generation);
    if (known != null) {
      return known;
    }
    // Added by another node, or by a rotation since this node last looked.
    SecretKeysRecord stored =
        ctx.selectFrom(SECRET_KEYS).where(SECRET_KEYS.GENERATION.eq(generation)).fetchOne();
    if (stored == null) {
      throw new SecretUnreadableException(
          context + ": sealed under key " + keyId + ", which is not in secret_keys");
    }
    return unwrap(stored);
  }

  private SecretKey unwrap(SecretKeysRecord r) {
    return opened.computeIfAbsent(
        r.getGeneration(),
        generation -> {
          String keyId = keyId(generation);
          SealedText wrapped =
              SealedText.parse(r.getWrappedKey())
                  .orElseThrow(
                      () ->
                          new SecretUnreadableException(
                              "secret_keys " + keyId + ": wrapped_key is not in the sealed form"));
          try {
            return new SecretKeySpec(
                cipher.open(master.secretKey(), wrapped.sealed(), wrappingContext(generation)),
                "AES");
          } catch (AEADBadTagException e) {
            throw new SecretUnreadableException(
                "the master key from "
                    + master.source()
                    + " does not open data key "
                    + keyId
                    + " (expected: the key this database's secrets were encrypted with)");
          }
        });
  }

  private static Optional<SecretKeysRecord> active(DSLContext ctx) {
    return ctx.selectFrom(SECRET_KEYS)
        .orderBy(SECRET_KEYS.GENERATION.desc())
        .limit(1)
        .fetchOptional();
  }

  private static byte[] wrappingContext(long generation) {
    return ("secret_keys:" + keyId(generation)).getBytes(UTF_8);
  }

  private static String keyId(long generation) {
    return KEY_ID_PREFIX + generation;
  }

  private static long generationOf(String keyId) {
    try {
      if (keyId.startsWith(KEY_ID_PREFIX)) {
        return Long.parseLong(keyId.substring(KEY_ID_PREFIX.length()));
      }
    } catch (NumberFormatException e) {
      // falls through to the refusal below
    }
    throw new SecretUnreadableException("key id " + keyId + " (expected: k<generation>)");
  }
}
