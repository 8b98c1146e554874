package dev.herald.host.config;

/**
 * The in-process broadcast bus.
 *
 * @param queueCapacity the bounded queue length of each subscriber
 */
public record BusConfig(int queueCapacity) {

  /** The default queue length per subscriber. */
  public static final int DEFAULT_QUEUE_CAPACITY = 8192;

  /** Returns the default: 8192 events per subscriber. */
  public static BusConfig ofDefaults() {
    return new BusConfig(DEFAULT_QUEUE_CAPACITY);
  }
}
