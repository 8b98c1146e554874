package dev.herald.core.admin;

import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Stores;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.core.envelope.EventTypePattern;
import dev.herald.core.outbox.OutboxEvent;
import dev.herald.core.outbox.OutboxStore;
import dev.herald.core.route.DeliveryStore.NewDelivery;
import dev.herald.core.store.Database;
import dev.herald.core.store.SearchColumnsBackfill;
import dev.herald.core.testing.SettableClock;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.event.v1.Subject;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event search on the stored outbox, whatever the database: every filter, realms, paging, the
 * deliveries of a page, and the backfill of events stored before the search columns existed. One
 * subclass per database.
 */
abstract class EventSearchContract {

  /** Opens (migrating to the latest version) the test's database; the same one on later calls. */
  protected abstract Database open(Path folder);

  /** Returns a plain data source on the test's database, to write it as an older Herald did. */
  protected abstract DataSource dataSource(Path folder);

  /** Returns the migrations folder of the test's database vendor: sqlite or postgresql. */
  protected abstract String vendor();

  @TempDir Path folder;
  private final SettableClock clock = SettableClock.atEpoch2026();
  private final EnvelopeFactory events =
      new EnvelopeFactory(clock, new SplittableRandom(5), "urn:herald:test");
  private Database database;

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  private Database database() {
    if (database == null) {
      database = open(folder);
    }
    return database;
  }

  private EventSearch search() {
    return new EventSearch(database(), new DeliveryQueries(database()));
  }

  /** Stores an event occurring one second after the previous one. */
  private EventEnvelope stored(
      String type, String realm, String subjectType, String subjectId, String correlationId) {
    EventEnvelope event = envelope(type, realm, subjectType, subjectId, correlationId);
    append(event);
    return event;
  }

  /** Returns an event occurring one second after the previous one. */
  private EventEnvelope envelope(
      String type, String realm, String subjectType, String subjectId, String correlationId) {
    clock.advance(Duration.ofSeconds(1));
    EventEnvelope.Builder event = events.stamped(type, 1, realm).setJsonPayload("{}");
    if (!subjectId.isEmpty() || !subjectType.isEmpty()) {
      event.setSubject(Subject.newBuilder().setType(subjectType).setId(subjectId));
    }
    return event.setCorrelationId(correlationId).build();
  }

  /** Stores the events in one batch, as the outbox writer does. */
  private void append(EventEnvelope... batch) {
    OutboxStore outbox = Stores.of(database()).outbox();
    database()
        .write(
            tx -> {
              outbox.append(tx, List.of(batch), clock.instant());
              return null;
            });
  }

  private List<String> found(UnaryOperator<EventFilter> narrowed, Realms realms) {
    return search()
        .list(narrowed.apply(EventFilter.of(realms)), PageRequest.of(0, ""))
        .items()
        .stream()
        .map(e -> e.envelope().getEventId())
        .toList();
  }

  private static List<String> ids(EventEnvelope... events) {
    return java.util.Arrays.stream(events).map(EventEnvelope::getEventId).toList();
  }

  private static EventFilter with(
      EventFilter f,
      Optional<String> eventId,
      Optional<EventTypePattern> type,
      Optional<String> subjectType,
      Optional<String> subjectId,
      Optional<String> correlationId,
      Optional<Instant> after,
      Optional<Instant> before) {
    return new EventFilter(
        eventId.or(f::eventId),
        type.or(f::eventType),
        subjectType.or(f::subjectType),
        subjectId.or(f::subjectId),
        correlationId.or(f::correlationId),
        after.or(f::occurredAfter),
        before.or(f::occurredBefore),
        f.realms());
  }

  private static UnaryOperator<EventFilter> eventId(String id) {
    return f -> with(f, Optional.of(id), none(), none(), none(), none(), none(), none());
  }

  private static UnaryOperator<EventFilter> type(String pattern) {
    return f ->
        with(
            f,
            none(),
            Optional.of(EventTypePattern.parse(pattern)),
            none(),
            none(),
            none(),
            none(),
            none());
  }

  private static UnaryOperator<EventFilter> subject(String type, String id) {
    return f ->
        with(
            f,
            none(),
            none(),
            type.isEmpty() ? none() : Optional.of(type),
            id.isEmpty() ? none() : Optional.of(id),
            none(),
            none(),
            none());
  }

  private static UnaryOperator<EventFilter> correlation(String id) {
    return f -> with(f, none(), none(), none(), none(), Optional.of(id), none(), none());
  }

  private static UnaryOperator<EventFilter> occurred(Instant after, Instant before) {
    return f ->
        with(
            f,
            none(),
            none(),
            none(),
            none(),
            none(),
            Optional.ofNullable(after),
            Optional.ofNullable(before));
  }

  private static <T> Optional<T> none() {
    return Optional.empty();
  }

  private static Instant occurredAt(EventEnvelope event) {
    return Instant.ofEpochSecond(
        event.getOccurredAt().getSeconds(), event.getOccurredAt().getNanos());
  }

  @Test
  void findsEventsByEachFieldNewestFirstWithinTheRealms() {
    EventEnvelope a = stored("user.created", "acme", "user", "u1", "c1");
    EventEnvelope b = stored("user.updated", "acme", "user", "u1", "c2");
    EventEnvelope c = stored("group.created", "acme", "group", "g1", "c1");
    EventEnvelope d = stored("user.created", "other", "user", "u1", "c1");
    Realms acme = Realms.one("acme");

    assertThat(found(f -> f, acme)).isEqualTo(ids(c, b, a));
    assertThat(found(f -> f, Realms.all())).isEqualTo(ids(d, c, b, a));
    assertThat(found(f -> f, Realms.one("other"))).isEqualTo(ids(d));
    assertThat(found(f -> f, Realms.one(""))).isEmpty();
    assertThat(found(eventId(b.getEventId()), acme)).isEqualTo(ids(b));
    assertThat(found(eventId(d.getEventId()), acme)).as("another realm's event").isEmpty();
    assertThat(found(type("user.*"), acme)).isEqualTo(ids(b, a));
    assertThat(found(type("user.created"), acme)).isEqualTo(ids(a));
    assertThat(found(type("*"), acme)).isEqualTo(ids(c, b, a));
    assertThat(found(subject("", "u1"), acme)).isEqualTo(ids(b, a));
    assertThat(found(subject("group", ""), acme)).isEqualTo(ids(c));
    assertThat(found(subject("group", "u1"), acme)).isEmpty();
    assertThat(found(subject("user", "u1"), Realms.all())).isEqualTo(ids(d, b, a));
    assertThat(found(correlation("c1"), acme)).isEqualTo(ids(c, a));
    assertThat(found(correlation("c1").andThen(type("user.*"))::apply, acme)).isEqualTo(ids(a));
    assertThat(found(occurred(occurredAt(b), null), acme)).isEqualTo(ids(c, b));
    assertThat(found(occurred(null, occurredAt(b)), acme)).isEqualTo(ids(a));
    assertThat(found(occurred(occurredAt(a), occurredAt(c)), acme)).isEqualTo(ids(b, a));
  }

  @Test
  void storesEmptySearchFieldsAsNullAndTheOthersAsGiven() {
    // One batch, rows with and without them mixed: one prepared insert bound row by row.
    append(
        envelope("user.created", "", "", "", ""),
        envelope("user.created", "", "user", "u1", "c1"),
        envelope("user.created", "", "", "", "c2"));

    assertThat(searchColumns())
        .extracting(Record3::intoList)
        .containsExactly(
            java.util.Arrays.asList(null, null, null),
            List.of("user", "u1", "c1"),
            java.util.Arrays.asList(null, null, "c2"));
  }

  @Test
  void pagesNewestFirstUntilAnEmptyToken() {
    List<EventEnvelope> stored = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      stored.add(stored("user.created", "acme", "user", "u" + i, ""));
    }
    List<String> seen = new ArrayList<>();
    String token = "";
    int pages = 0;
    do {
      Page<StoredEvent> page =
          search().list(EventFilter.of(Realms.one("acme")), PageRequest.of(2, token));
      assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
      page.items().forEach(e -> seen.add(e.envelope().getEventId()));
      token = page.nextPageToken();
      pages++;
    } while (!token.isEmpty());

    assertThat(pages).isEqualTo(3);
    assertThat(seen).isEqualTo(stored.reversed().stream().map(EventEnvelope::getEventId).toList());
  }

  @Test
  void eachEventCarriesItsOwnDeliveriesAndWhenItWasStored() {
    EventEnvelope routed = stored("user.created", "acme", "", "", "");
    EventEnvelope waiting = stored("user.updated", "acme", "", "", "");
    Stores stores = Stores.of(database());
    database()
        .write(
            tx -> {
              OutboxEvent first = stores.outbox().unrouted(tx, 10).events().getFirst();
              stores
                  .deliveries()
                  .create(
                      tx,
                      List.of(
                          new NewDelivery(first.id(), first.eventId(), TargetRef.webhook("a")),
                          new NewDelivery(first.id(), first.eventId(), TargetRef.webhook("b"))),
                      clock.instant());
              return null;
            });

    List<StoredEvent> page =
        search().list(EventFilter.of(Realms.one("acme")), PageRequest.of(0, "")).items();

    assertThat(page)
        .extracting(e -> e.envelope().getEventId())
        .containsExactly(waiting.getEventId(), routed.getEventId());
    assertThat(page.get(0).deliveries()).isEmpty();
    assertThat(page.get(1).deliveries())
        .extracting(view -> view.target().key())
        .containsExactly("webhook:a", "webhook:b");
    assertThat(page.get(1).deliveries()).allMatch(v -> v.eventId().equals(routed.getEventId()));
    assertThat(page.get(1).storedAt()).isEqualTo(occurredAt(routed));
    assertThat(page.get(1).envelope()).isEqualTo(routed);
  }

  @Test
  void eventsStoredBeforeTheSearchColumnsAreFoundOnceMigrated() throws Exception {
    // 2,500 events written by a Herald at version 15: more than two backfill batches.
    Flyway.configure()
        .dataSource(dataSource(folder))
        .locations("classpath:db/migration/" + vendor())
        .target("15")
        .load()
        .migrate();
    List<EventEnvelope> old = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      String subject = i % 3 == 0 ? "" : "u" + (i % 7);
      String correlation = i % 2 == 0 ? "" : "c" + (i % 5);
      EventEnvelope.Builder event = events.stamped("user.created", 1, "acme").setJsonPayload("{}");
      if (!subject.isEmpty()) {
        event.setSubject(Subject.newBuilder().setType("user").setId(subject));
      }
      old.add(event.setCorrelationId(correlation).build());
    }
    try (Connection connection = dataSource(folder).getConnection()) {
      connection.setAutoCommit(false);
      DSLContext ctx = org.jooq.impl.DSL.using(connection);
      var insert =
          ctx.batch(
              ctx.insertInto(
                      EVENT_OUTBOX,
                      EVENT_OUTBOX.EVENT_ID,
                      EVENT_OUTBOX.EVENT_TYPE,
                      EVENT_OUTBOX.REALM_ID,
                      EVENT_OUTBOX.OCCURRED_AT,
                      EVENT_OUTBOX.ENVELOPE,
                      EVENT_OUTBOX.CREATED_AT)
                  .values((String) null, null, null, null, null, null));
      for (EventEnvelope event : old) {
        insert.bind(event.getEventId(), "user.created", "acme", 1L, event.toByteArray(), 1L);
      }
      insert.execute();
      connection.commit();
    }

    List<String> u3WithC1 =
        old.stream()
            .filter(e -> e.getSubject().getId().equals("u3") && e.getCorrelationId().equals("c1"))
            .map(EventEnvelope::getEventId)
            .toList()
            .reversed();
    assertThat(u3WithC1).isNotEmpty();
    assertThat(found(subject("user", "u3").andThen(correlation("c1"))::apply, Realms.all()))
        .isEqualTo(u3WithC1);

    // Cut short and run again on the next start: the same values, nothing else changes.
    List<Record3<String, String, String>> before = searchColumns();
    runBackfillAgain();
    assertThat(searchColumns()).isEqualTo(before);
    assertThat(before)
        .filteredOn(r -> r.value1() == null && r.value2() == null && r.value3() == null)
        .hasSize(
            (int)
                old.stream()
                    .filter(e -> !e.hasSubject() && e.getCorrelationId().isEmpty())
                    .count());
  }

  private List<Record3<String, String, String>> searchColumns() {
    return database()
        .read(
            ctx ->
                ctx.select(
                        EVENT_OUTBOX.SUBJECT_TYPE,
                        EVENT_OUTBOX.SUBJECT_ID,
                        EVENT_OUTBOX.CORRELATION_ID)
                    .from(EVENT_OUTBOX)
                    .orderBy(EVENT_OUTBOX.ID)
                    .fetch());
  }

  private void runBackfillAgain() throws Exception {
    try (Connection connection = dataSource(folder).getConnection()) {
      new SearchColumnsBackfill(database().dialect())
          .migrate(
              new Context() {
                @Override
                public Configuration getConfiguration() {
                  return Flyway.configure();
                }

                @Override
                public Connection getConnection() {
                  return connection;
                }
              });
    }
  }
}
