package dev.herald.host.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/**
 * Defaults for events published through the CLI.
 *
 * @param source the source URI stamped on events that name none
 * @param maxPayloadBytes the largest accepted payload
 */
public record EventsConfig(URI source, int maxPayloadBytes) {

  /** The default source URI. */
  public static final URI DEFAULT_SOURCE = URI.create("urn:herald:local");

  /** The default payload limit: 256 KiB. */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024;

  public EventsConfig {
    requireNonNull(source, "source");
  }

  /** Returns the defaults: source {@code urn:herald:local}, payloads up to 256 KiB. */
  public static EventsConfig ofDefaults() {
    return new EventsConfig(DEFAULT_SOURCE, DEFAULT_MAX_PAYLOAD_BYTES);
  }
}
