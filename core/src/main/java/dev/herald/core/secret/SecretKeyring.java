package dev.herald.core.secret;

import static dev.herald.core.store.jooq.Tables.SECRET_KEYS;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.herald.core.store.Dialect;
import dev.herald.core.store.jooq.tables.records.SecretKeysRecord;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
  private static final String LOCK = "herald.secret_keys";

  private final MasterKey master;
  private final List<MasterKey> previousMasters;
  private final Dialect dialect;
  private final GcmCipher cipher;
  private final SecureRandom random;
  private final Clock clock;
  // Unwrapped data keys by generation, with the stored text they came from: a key cached in a
  // transaction that rolled back never passes for the one another node stored under its number.
  private final Map<Long, OpenedKey> opened = new ConcurrentHashMap<>();

  private record OpenedKey(String wrapped, SecretKey key) {}

  // Generations found wrapped under a previous master key, to wrap again under the current one.
  private final Set<Long> wrappedUnderPrevious = ConcurrentHashMap.newKeySet();

  /**
   * Creates the keyring of a database of {@code dialect}, its keys wrapped under {@code master}.
   */
  public SecretKeyring(MasterKey master, Dialect dialect, SecureRandom random, Clock clock) {
    this(master, List.of(), dialect, random, clock);
  }

  /**
   * Creates the keyring of a database of {@code dialect}, its keys wrapped under {@code master};
   * keys still wrapped under one of {@code previousMasters} open too, and {@link #check} wraps them
   * again under {@code master}, which is how the master key itself is replaced.
   */
  public SecretKeyring(
      MasterKey master,
      List<MasterKey> previousMasters,
      Dialect dialect,
      SecureRandom random,
      Clock clock) {
    this.master = requireNonNull(master, "master");
    this.previousMasters = List.copyOf(previousMasters);
    this.dialect = requireNonNull(dialect, "dialect");
    this.random = requireNonNull(random, "random");
    this.cipher = new GcmCipher(random);
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Opens every stored data key, wrapping again under the master key those still under a previous
   * one, and adds the first key when there is none; returns how many keys were wrapped again.
   *
   * @throws SecretUnreadableException when no master key given opens a stored data key
   */
  public int check(DSLContext tx) {
    // Nodes starting together on an empty table add one first key, not one each.
    dialect.lock(tx, LOCK);
    int rewrapped = 0;
    for (SecretKeysRecord r : tx.selectFrom(SECRET_KEYS).fetch()) {
      SecretKey key = unwrap(r);
      if (wrappedUnderPrevious.remove(r.getGeneration())) {
        byte[] wrapped =
            cipher.seal(master.secretKey(), key.getEncoded(), wrappingContext(r.getGeneration()));
        tx.update(SECRET_KEYS)
            .set(SECRET_KEYS.WRAPPED_KEY, new SealedText(MASTER_KEY_ID, wrapped).text())
            .where(SECRET_KEYS.GENERATION.eq(r.getGeneration()))
            .execute();
        rewrapped++;
      }
    }
    if (active(tx).isEmpty()) {
      rotate(tx);
    }
    return rewrapped;
  }

  /** Adds a new data key and makes it the active one; returns its id. */
  public String rotate(DSLContext tx) {
    // Nodes rotating at once take turns, so generations never collide.
    dialect.lock(tx, LOCK);
    long generation = active(tx).map(SecretKeysRecord::getGeneration).orElse(0L) + 1;
    byte[] key = new byte[MasterKey.BYTES];
    random.nextBytes(key);
    byte[] wrapped = cipher.seal(master.secretKey(), key, wrappingContext(generation));
    tx.insertInto(SECRET_KEYS)
        .set(SECRET_KEYS.GENERATION, generation)
        .set(SECRET_KEYS.WRAPPED_KEY, new SealedText(MASTER_KEY_ID, wrapped).text())
        .set(SECRET_KEYS.CREATED_AT, clock.millis())
        .execute();
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
    long generation = generationOf(sealed.keyId());
    OpenedKey cached = opened.get(generation);
    if (cached != null) {
      Optional<String> plaintext = openWith(cached.key(), sealed, context);
      if (plaintext.isPresent()) {
        return plaintext.get();
      }
    }
    // Not seen yet (added by another node or a rotation), or cached from a rolled-back one.
    SecretKeysRecord dataKey =
        ctx.selectFrom(SECRET_KEYS).where(SECRET_KEYS.GENERATION.eq(generation)).fetchOne();
    if (dataKey == null) {
      throw new SecretUnreadableException(
          context + ": sealed under key " + sealed.keyId() + ", which is not in secret_keys");
    }
    return openWith(unwrap(dataKey), sealed, context)
        .orElseThrow(
            () ->
                new SecretUnreadableException(
                    context
                        + ": does not open under key "
                        + sealed.keyId()
                        + " (changed, or moved from another row)"));
  }

  private Optional<String> openWith(SecretKey key, SealedText sealed, String context) {
    try {
      return Optional.of(
          new String(cipher.open(key, sealed.sealed(), context.getBytes(UTF_8)), UTF_8));
    } catch (AEADBadTagException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean isCurrent(DSLContext ctx, String stored) {
    Optional<SealedText> parsed = SealedText.parse(stored);
    return parsed.isPresent()
        && active(ctx).map(r -> keyId(r.getGeneration())).orElse("").equals(parsed.get().keyId());
  }

  private SecretKey unwrap(SecretKeysRecord r) {
    OpenedKey cached = opened.get(r.getGeneration());
    if (cached != null && cached.wrapped().equals(r.getWrappedKey())) {
      return cached.key();
    }
    SecretKey key = unwrapStored(r);
    opened.put(r.getGeneration(), new OpenedKey(r.getWrappedKey(), key));
    return key;
  }

  private SecretKey unwrapStored(SecretKeysRecord r) {
    long generation = r.getGeneration();
    String keyId = keyId(generation);
    SealedText wrapped =
        SealedText.parse(r.getWrappedKey())
            .orElseThrow(
                () ->
                    new SecretUnreadableException(
                        "secret_keys " + keyId + ": wrapped_key is not in the sealed form"));
    Optional<byte[]> key = unwrapWith(master, wrapped, generation);
    for (MasterKey previous : previousMasters) {
      if (key.isPresent()) {
        break;
      }
      key = unwrapWith(previous, wrapped, generation);
      key.ifPresent(k -> wrappedUnderPrevious.add(generation));
    }
    if (key.isEmpty()) {
      throw new SecretUnreadableException(
          "the master key from "
              + master.source()
              + " does not open data key "
              + keyId
              + " (expected: the key this database's secrets were encrypted with)");
    }
    return new SecretKeySpec(key.get(), "AES");
  }

  private Optional<byte[]> unwrapWith(MasterKey candidate, SealedText wrapped, long generation) {
    try {
      return Optional.of(
          cipher.open(candidate.secretKey(), wrapped.sealed(), wrappingContext(generation)));
    } catch (AEADBadTagException e) {
      return Optional.empty();
    }
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
