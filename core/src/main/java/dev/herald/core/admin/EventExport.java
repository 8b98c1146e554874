package dev.herald.core.admin;

import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;
import static java.util.Objects.requireNonNull;

import dev.herald.core.store.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.Record3;

/**
 * Reads the events a filter selects in storage order (oldest first), one keyset page at a time, so
 * an export of any size holds one page in memory. Each page is its own short read: an export that
 * runs for minutes holds no transaction open, and sees events stored while it runs if they sort
 * after its position.
 */
public final class EventExport {

  /** Events read per page: large enough to amortise a query, small enough to keep memory flat. */
  public static final int PAGE_SIZE = 1000;

  private final Database database;
  private final DeliveryQueries deliveries;

  /** Creates the export on the given database. */
  public EventExport(Database database, DeliveryQueries deliveries) {
    this.database = requireNonNull(database, "database");
    this.deliveries = requireNonNull(deliveries, "deliveries");
  }

  /**
   * Starts reading the events {@code filter} selects, with their deliveries and attempts when
   * {@code withDeliveries}.
   */
  public Cursor open(EventFilter filter, boolean withDeliveries) {
    return new Cursor(requireNonNull(filter, "filter"), withDeliveries);
  }

  /** The position of one export: each {@link #next()} reads the page after the last one. */
  public final class Cursor {
    private final EventFilter filter;
    private final boolean withDeliveries;
    private long afterId;
    private boolean done;

    private Cursor(EventFilter filter, boolean withDeliveries) {
      this.filter = filter;
      this.withDeliveries = withDeliveries;
    }

    /** Returns the next page, oldest first; an empty page when every event has been read. */
    public List<ExportedEvent> next() {
      if (done) {
        return List.of();
      }
      List<Record3<Long, byte[], Long>> rows =
          database.read(
              ctx ->
                  ctx.select(EVENT_OUTBOX.ID, EVENT_OUTBOX.ENVELOPE, EVENT_OUTBOX.CREATED_AT)
                      .from(EVENT_OUTBOX)
                      .where(EventSearch.condition(filter).and(EVENT_OUTBOX.ID.gt(afterId)))
                      .orderBy(EVENT_OUTBOX.ID.asc())
                      .limit(PAGE_SIZE)
                      .fetch());
      if (rows.size() < PAGE_SIZE) {
        done = true;
      }
      if (rows.isEmpty()) {
        return List.of();
      }
      afterId = rows.get(rows.size() - 1).value1();
      return page(rows);
    }

    private List<ExportedEvent> page(List<Record3<Long, byte[], Long>> rows) {
      List<Long> ids = rows.stream().map(Record3::value1).toList();
      Map<Long, List<DeliveryView>> sent = withDeliveries ? deliveries.ofOutboxRows(ids) : Map.of();
      Map<Long, List<AttemptView>> attempts =
          withDeliveries ? deliveries.attemptsOfOutboxRows(ids) : Map.of();
      List<ExportedEvent> page = new ArrayList<>(rows.size());
      for (Record3<Long, byte[], Long> row : rows) {
        List<ExportedEvent.Delivery> withAttempts =
            sent.getOrDefault(row.value1(), List.of()).stream()
                .map(d -> new ExportedEvent.Delivery(d, attempts.getOrDefault(d.id(), List.of())))
                .toList();
        page.add(
            new ExportedEvent(
                EventSearch.parse(row.value1(), row.value2()),
                Instant.ofEpochMilli(row.value3()),
                withAttempts));
      }
      return page;
    }
  }
}
