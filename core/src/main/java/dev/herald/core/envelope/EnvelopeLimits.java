package dev.herald.core.envelope;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Size and time bounds an envelope must keep to.
 *
 * @param maxPayloadBytes the largest payload, in bytes: the UTF-8 JSON text or the typed message
 * @param maxAttributes the most entries in {@code attributes}
 * @param maxAttributeValueLength the longest attribute value, in chars
 * @param maxIdLength the longest id-like string ({@code realm_id}, {@code correlation_id}, {@code
 *     causation_id}, actor and subject fields, {@code source}), in chars
 * @param maxClockSkew how far {@code occurred_at} may lie ahead of the validator's clock
 */
public record EnvelopeLimits(
    int maxPayloadBytes,
    int maxAttributes,
    int maxAttributeValueLength,
    int maxIdLength,
    Duration maxClockSkew) {

  /** The default largest payload: 256 KiB. */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024;

  /** The default most attributes: 64. */
  public static final int DEFAULT_MAX_ATTRIBUTES = 64;

  /** The default longest attribute value: 1024 chars. */
  public static final int DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH = 1024;

  /** The default longest id-like string: 256 chars. */
  public static final int DEFAULT_MAX_ID_LENGTH = 256;

  /** The default allowance for {@code occurred_at} ahead of the clock: 1 day. */
  public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofDays(1);

  /** Creates limits, each of which must be positive. */
  public EnvelopeLimits {
    requirePositive(maxPayloadBytes, "maxPayloadBytes");
    requirePositive(maxAttributes, "maxAttributes");
    requirePositive(maxAttributeValueLength, "maxAttributeValueLength");
    requirePositive(maxIdLength, "maxIdLength");
    requireNonNull(maxClockSkew, "maxClockSkew");
    if (maxClockSkew.isNegative()) {
      throw new IllegalArgumentException("maxClockSkew: " + maxClockSkew + " (expected: >= 0)");
    }
  }

  /** Returns the default limits, the {@code DEFAULT_*} constants. */
  public static EnvelopeLimits ofDefaults() {
    return new EnvelopeLimits(
        DEFAULT_MAX_PAYLOAD_BYTES,
        DEFAULT_MAX_ATTRIBUTES,
        DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH,
        DEFAULT_MAX_ID_LENGTH,
        DEFAULT_MAX_CLOCK_SKEW);
  }

  /** Returns a copy with the given largest payload. */
  public EnvelopeLimits withMaxPayloadBytes(int maxPayloadBytes) {
    return new EnvelopeLimits(
        maxPayloadBytes, maxAttributes, maxAttributeValueLength, maxIdLength, maxClockSkew);
  }

  /** Returns a copy with the given most attributes. */
  public EnvelopeLimits withMaxAttributes(int maxAttributes) {
    return new EnvelopeLimits(
        maxPayloadBytes, maxAttributes, maxAttributeValueLength, maxIdLength, maxClockSkew);
  }

  /** Returns a copy with the given longest attribute value. */
  public EnvelopeLimits withMaxAttributeValueLength(int maxAttributeValueLength) {
    return new EnvelopeLimits(
        maxPayloadBytes, maxAttributes, maxAttributeValueLength, maxIdLength, maxClockSkew);
  }

  /** Returns a copy with the given longest id-like string. */
  public EnvelopeLimits withMaxIdLength(int maxIdLength) {
    return new EnvelopeLimits(
        maxPayloadBytes, maxAttributes, maxAttributeValueLength, maxIdLength, maxClockSkew);
  }

  /** Returns a copy with the given allowance for {@code occurred_at} ahead of the clock. */
  public EnvelopeLimits withMaxClockSkew(Duration maxClockSkew) {
    return new EnvelopeLimits(
        maxPayloadBytes, maxAttributes, maxAttributeValueLength, maxIdLength, maxClockSkew);
  }

  private static void requirePositive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
    }
  }
}
