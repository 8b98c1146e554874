package dev.herald.bench;

import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.core.envelope.EnvelopeJson;
import dev.herald.proto.event.v1.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The events the benchmarks publish: an application event type outside the identity catalogue, so
 * its payload may be JSON of any size — 1 KB, or small like most identity events.
 */
final class BenchEvents {

  /** A user-like payload padded to 1 KB, the size DESIGN's raw limits were measured with. */
  static final String PAYLOAD_1KB = payload(1024);

  /** A thin identity payload, as most identity events are. */
  static final String PAYLOAD_SMALL =
      "{\"user_id\":\"0f8b2c1e-7d4a-4f3b-9c2e-5a6d7e8f9a0b\",\"email\":\"ada@example.com\"}";

  static final String TYPE = "account.profile.updated";
  static final String REALM = "acme";

  private final EnvelopeFactory factory =
      new EnvelopeFactory(Clock.systemUTC(), new SplittableRandom(42), "urn:herald:bench");

  /** Returns a new envelope (fresh id, now as occurred_at) carrying {@code payload}. */
  EventEnvelope next(String payload) {
    return factory.json(TYPE, REALM, payload);
  }

  /** Returns {@code count} new envelopes carrying {@code payload}. */
  List<EventEnvelope> next(int count, String payload) {
    List<EventEnvelope> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      events.add(next(payload));
    }
    return events;
  }

  /** Returns the webhook body Herald sends for a 1 KB event, for baselines of the same size. */
  static byte[] webhookBody1kb() {
    EventEnvelope sample = new BenchEvents().next(PAYLOAD_1KB);
    return EnvelopeJson.withoutTypedPayloads().render(sample).getBytes(StandardCharsets.UTF_8);
  }

  private static String payload(int bytes) {
    String head =
        "{\"user_id\":\"0f8b2c1e-7d4a-4f3b-9c2e-5a6d7e8f9a0b\",\"username\":\"ada\","
            + "\"email\":\"ada@example.com\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\","
            + "\"enabled\":true,\"email_verified\":true,\"changed\":[\"email\",\"last_name\"],"
            + "\"note\":\"";
    String tail = "\"}";
    return head + "x".repeat(bytes - head.length() - tail.length()) + tail;
  }
}
