package dev.herald.core.envelope;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Generates RFC 9562 UUIDv7 event ids: a 48-bit Unix millisecond timestamp, then 74 random bits,
 * rendered in lowercase 8-4-4-4-12 form. Ids from one generator sort in the order they were made,
 * also within one millisecond and when the clock steps back.
 */
public final class UuidV7 {

  private static final long TIMESTAMP_MASK = (1L << 48) - 1;
  private static final long RAND_A_MASK = (1L << 12) - 1;
  private static final long RAND_B_MASK = (1L << 62) - 1;
  private static final long VERSION_7 = 0x7000L;
  private static final long VARIANT_10 = 1L << 63;
  // Within a millisecond the random part grows by a random step, so ids stay unguessable.
  private static final long MAX_STEP = 1L << 32;

  private final Clock clock;
  private final RandomGenerator random;

  private long lastMillis = Long.MIN_VALUE;
  private long randA; // 12 bits
  private long randB; // 62 bits

  /** Creates a generator that reads time from {@code clock} and random bits from {@code random}. */
  public UuidV7(Clock clock, RandomGenerator random) {
    this.clock = requireNonNull(clock, "clock");
    this.random = requireNonNull(random, "random");
  }

  /** Returns a new id, greater than every id this generator returned before. */
  public String next() {
    return next(clock.millis());
  }

  /** Returns a new id stamped with {@code millis}, or later if an earlier id used a later time. */
  synchronized String next(long millis) {
    long timestamp = millis & TIMESTAMP_MASK;
    if (timestamp > lastMillis) {
      lastMillis = timestamp;
      randA = random.nextLong() & RAND_A_MASK;
      randB = random.nextLong() & RAND_B_MASK;
    } else {
      // Same millisecond, or the clock stepped back: count up from the last id to keep the order.
      randB += 1 + random.nextLong(MAX_STEP);
      if (randB > RAND_B_MASK) {
        randB &= RAND_B_MASK;
        randA = (randA + 1) & RAND_A_MASK;
        if (randA == 0) {
          lastMillis++;
        }
      }
    }
    long msb = (lastMillis << 16) | VERSION_7 | randA;
    long lsb = VARIANT_10 | randB;
    return new UUID(msb, lsb).toString();
  }

  /** Returns whether {@code text} is a UUID version 7 in canonical lowercase 8-4-4-4-12 form. */
  public static boolean isUuidV7(String text) {
    if (text == null || text.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = text.charAt(i);
      boolean valid =
          switch (i) {
            case 8, 13, 18, 23 -> c == '-';
            case 14 -> c == '7';
            case 19 -> c == '8' || c == '9' || c == 'a' || c == 'b';
            default -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
          };
      if (!valid) {
        return false;
      }
    }
    return true;
  }
}
