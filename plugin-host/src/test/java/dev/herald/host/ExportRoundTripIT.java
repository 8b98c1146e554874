package dev.herald.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.util.Timestamps;
import dev.herald.core.Stores;
import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.core.outbox.OutboxStore;
import dev.herald.core.store.Database;
import dev.herald.host.config.HeraldConfig;
import dev.herald.proto.event.v1.Actor;
import dev.herald.proto.event.v1.ActorType;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.event.v1.Subject;
import dev.herald.proto.identity.v1.UserCreated;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export's promise end to end: a million events leave a SQLite database through {@code herald
 * export} in a JVM of 64 MB heap (they take ~400 MB as JSON, so nothing may collect them), go into
 * a fresh Herald through the ingest API, and come out of it again the same, each event's line byte
 * for byte. Only {@code stored_at} differs: it is when each Herald stored the event; and the order
 * of the lines may, as two batches are imported at a time.
 */
class ExportRoundTripIT {

  private static final int EVENTS = 1_000_000;
  private static final int FILL_BATCH = 5_000;
  private static final int POST_BATCH = 1_000;
  private static final String STORED_AT = ",\"stored_at\":\"";
  private static final String EVENT_ID = "{\"event\":{\"event_id\":\"";
  private static final int IN_FLIGHT = 2;
  private static final List<String> SMALL_HEAP = List.of("-Xmx64m", "-XX:TieredStopAtLevel=4");

  private static final HexFormat HEX = HexFormat.of();
  private static final String ZEROS = "0".repeat(16);

  @TempDir Path folder;

  @Test
  void millionEventsExportWithSmallHeapAndImportIntoFreshHeraldUnchanged() throws Exception {
    Path source = Files.createDirectories(folder.resolve("source"));
    Path fresh = Files.createDirectories(folder.resolve("fresh"));
    Path sourceConfig = config(source);
    Path freshConfig = config(fresh);
    long start = System.nanoTime();
    fill(sourceConfig);
    phase("fill", start);

    Path first = folder.resolve("first.jsonl");
    start = System.nanoTime();
    export(sourceConfig, first);
    phase("first export", start);

    try (TestHerald herald =
        TestHerald.start(Files.readString(freshConfig) + ApiTokens.apiSection())) {
      start = System.nanoTime();
      assertThat(importLines(first, herald.apiUrl())).isEqualTo(EVENTS);
      phase("import", start);
    }

    Path second = folder.resolve("second.jsonl");
    start = System.nanoTime();
    export(freshConfig, second);
    phase("second export", start);
    assertSameExceptStoredAt(first, second);
  }

  /** Reports how long a phase took, to see which one a slow run spent its time in. */
  private static void phase(String name, long startNanos) {
    System.out.printf(
        "ExportRoundTripIT: %s took %d ms%n", name, (System.nanoTime() - startNanos) / 1_000_000);
  }

  private Path config(Path dir) throws IOException {
    return Files.writeString(dir.resolve("herald.yaml"), TestDatabase.sqlite().yaml(dir));
  }

  /**
   * Appends the events straight through the outbox store, 5,000 per transaction: half typed
   * user.created payloads, half JSON ones, in two realms, with every envelope field set.
   */
  private static void fill(Path configFile) {
    HeraldConfig config = TestHerald.loader().load(Optional.of(configFile));
    Instant base = Instant.parse("2026-01-01T00:00:00Z");
    EnvelopeFactory events =
        new EnvelopeFactory(
            Clock.fixed(base, ZoneOffset.UTC), new SplittableRandom(17), "urn:herald:test");
    try (Database database = DatabaseOpener.open(config.database())) {
      OutboxStore outbox = Stores.of(database).outbox();
      for (int done = 0; done < EVENTS; done += FILL_BATCH) {
        List<EventEnvelope> batch = new ArrayList<>(FILL_BATCH);
        for (int i = done; i < done + FILL_BATCH; i++) {
          batch.add(event(events, base, i));
        }
        database.write(
            tx -> {
              outbox.append(tx, batch, base);
              return null;
            });
      }
    }
  }

  private static String realm(int i) {
    return i % 5 == 0 ? "acme" : "";
  }

  /**
   * Returns the {@code i}-th event. Every field is set on some events; the rarer ones (tracing, an
   * attribute that needs escaping) on a few, to keep the million lines short.
   */
  private static EventEnvelope event(EnvelopeFactory events, Instant base, int i) {
    boolean typed = i % 2 == 0;
    String user = "u" + (i % 1000);
    EventEnvelope.Builder event =
        events
            // The catalogue's user.created is at version 1; other types may be at any.
            .stamped(typed ? "user.created" : "order.placed", typed ? 1 : 1 + i % 3, realm(i))
            .setOccurredAt(Timestamps.fromNanos(base.toEpochMilli() * 1_000_000L + i * 1_001L))
            .setSubject(Subject.newBuilder().setType("user").setId(user))
            .setSequence(i / 1000 + 1)
            .setCorrelationId("c" + i / 10)
            .putAttributes("shard", Integer.toString(i % 16));
    if (i % 10 == 0) {
      event
          .setActor(
              Actor.newBuilder()
                  .setType(ActorType.ACTOR_TYPE_SERVICE_ACCOUNT)
                  .setId("svc-" + i % 7)
                  .setClientId("client")
                  .setIp("10.0.0." + i % 250))
          .setCausationId("cause-" + (i - 1))
          .setTraceparent(
              "00-" + ZEROS + HEX.toHexDigits(i + 1L) + "-" + HEX.toHexDigits(i + 1L) + "-01");
    }
    if (i % 1000 == 0) {
      event.putAttributes("note", "quote \" comma , newline \n \u00e9 \ud83d\ude00");
    }
    if (typed) {
      event.setProtoPayload(
          Any.pack(
              UserCreated.newBuilder()
                  .setUserId(user)
                  .setUsername("n" + i)
                  .setEnabled(i % 3 == 0)
                  .build()));
    } else {
      event.setJsonPayload("{\"order\":" + i + ",\"total\":12.5}");
    }
    return event.build();
  }

  /** Runs {@code herald export} in a JVM with a 64 MB heap: it fails if it holds the export. */
  private void export(Path configFile, Path out) throws Exception {
    Path log = folder.resolve(out.getFileName() + ".log");
    try (ChildHerald child =
        ChildHerald.start(
            log,
            SMALL_HEAP,
            "export",
            "--config",
            configFile.toString(),
            "--out",
            out.toString())) {
      int status = child.waitFor(Duration.ofSeconds(90));
      assertThat(status).as("herald export exit status; log: %s", Files.readString(log)).isZero();
    }
  }

  /**
   * POSTs each line's event to the ingest API, 1,000 per request, two requests at a time (so the
   * fresh Herald parses one while it stores the other); the second export's order may differ.
   */
  private static long importLines(Path lines, String apiUrl) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    List<CompletableFuture<Integer>> posted = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(lines, StandardCharsets.UTF_8)) {
      List<String> batch = new ArrayList<>(POST_BATCH);
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        batch.add(event(line));
        if (batch.size() == POST_BATCH) {
          posted.add(post(client, apiUrl, batch, inFlight));
          batch = new ArrayList<>(POST_BATCH);
        }
      }
      if (!batch.isEmpty()) {
        posted.add(post(client, apiUrl, batch, inFlight));
      }
    }
    long imported = 0;
    for (CompletableFuture<Integer> request : posted) {
      imported += request.get(60, TimeUnit.SECONDS);
    }
    return imported;
  }

  /** Returns a line's {@code event}: the line is {@code {"event":{...},"stored_at":"..."}}. */
  private static String event(String line) {
    assertThat(line).startsWith("{\"event\":{");
    return line.substring("{\"event\":".length(), line.lastIndexOf(STORED_AT));
  }

  /** Sends one batch once fewer than {@link #IN_FLIGHT} are under way; 200 or it fails. */
  private static CompletableFuture<Integer> post(
      HttpClient client, String apiUrl, List<String> events, Semaphore inFlight)
      throws InterruptedException {
    inFlight.acquire();
    return client
        .sendAsync(
            HttpRequest.newBuilder(URI.create(apiUrl + "/api/v1/events:batch"))
                .header("authorization", "Bearer " + ApiTokens.ADMIN)
                .header("content-type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"events\":[" + String.join(",", events) + "]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .whenComplete((response, failure) -> inFlight.release())
        .thenApply(
            response -> {
              assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
              return events.size();
            });
  }

  /**
   * Compares the exports event by event, each line byte for byte but for its stored_at: every line
   * of the first export (by its 128-bit digest, under its event id) must be in the second, and
   * nothing else.
   */
  private static void assertSameExceptStoredAt(Path first, Path second) throws IOException {
    Map<String, Digest> expected = new HashMap<>(2 * EVENTS);
    try (BufferedReader a = Files.newBufferedReader(first, StandardCharsets.UTF_8)) {
      for (String line = a.readLine(); line != null; line = a.readLine()) {
        assertThat(expected.put(eventId(line), Digest.of(withoutStoredAt(line)))).isNull();
      }
    }
    assertThat(expected).hasSize(EVENTS);
    try (BufferedReader b = Files.newBufferedReader(second, StandardCharsets.UTF_8)) {
      for (String line = b.readLine(); line != null; line = b.readLine()) {
        String id = eventId(line);
        Digest want = expected.remove(id);
        assertThat(want).as("event %s of the second export in the first, once", id).isNotNull();
        if (!want.equals(Digest.of(withoutStoredAt(line)))) {
          assertThat(withoutStoredAt(line))
              .as("event %s", id)
              .isEqualTo(withoutStoredAt(lineOf(first, id)));
        }
      }
    }
    assertThat(expected.keySet()).as("events missing from the second export").isEmpty();
  }

  /** The first 128 bits of a line's SHA-256: a million of them fit in the test's heap. */
  private record Digest(long high, long low) {
    static Digest of(String line) {
      try {
        ByteBuffer hash =
            ByteBuffer.wrap(
                MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8)));
        return new Digest(hash.getLong(), hash.getLong());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static String eventId(String line) {
    int start = line.indexOf(EVENT_ID) + EVENT_ID.length();
    return line.substring(start, line.indexOf('"', start));
  }

  /** Returns the line of an event, to show it when it differs. */
  private static String lineOf(Path export, String eventId) throws IOException {
    try (Stream<String> lines = Files.lines(export, StandardCharsets.UTF_8)) {
      return lines.filter(l -> eventId(l).equals(eventId)).findFirst().orElseThrow();
    }
  }

  private static String withoutStoredAt(String line) {
    int at = line.lastIndexOf(STORED_AT);
    assertThat(at).as("stored_at in %s", line).isPositive();
    int end = line.indexOf('"', at + STORED_AT.length());
    return line.substring(0, at) + line.substring(end + 1);
  }
}
