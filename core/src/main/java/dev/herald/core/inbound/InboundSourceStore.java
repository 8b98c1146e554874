package dev.herald.core.inbound;

import dev.herald.core.store.PurgedRows;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** The {@code inbound_sources} and {@code inbound_deliveries} tables. */
public interface InboundSourceStore {

  /** Returns every source, ordered by id. */
  List<InboundSource> all(DSLContext ctx);

  /** Returns one source. */
  Optional<InboundSource> find(DSLContext ctx, String id);

  /** Inserts a new source; returns false when the id is taken. */
  boolean insert(DSLContext tx, InboundSource source, Instant now);

  /** Stores a source's changed settings, secret and status; its id and origin stay. */
  void update(DSLContext tx, InboundSource changed, Instant now);

  /** Deletes a source and its remembered delivery ids; returns false when there was none. */
  boolean delete(DSLContext tx, String id);

  /**
   * Makes the stored config-declared sources match {@code configured}: new ones inserted, changed
   * ones updated, ones no longer configured disabled; an id taken by a source created over the API
   * is left to it.
   */
  void syncConfigured(DSLContext tx, List<InboundSource> configured, Instant now);

  /**
   * Remembers that the provider's delivery {@code deliveryId} of {@code sourceId} became event
   * {@code eventId}, unless it already became another; returns the event it became.
   */
  String claimDelivery(
      DSLContext tx, String sourceId, String deliveryId, String eventId, Instant now);

  /** Seals under the active key every secret not yet under it; returns how many sources changed. */
  int resealSecrets(DSLContext tx);

  /**
   * Forgets delivery ids received before {@code before}, among the {@code limit} after id {@code
   * afterId}: a retention batch.
   */
  PurgedRows purgeDeliveryIds(DSLContext tx, long afterId, Instant before, int limit);

  /** Returns whether the outbox holds the event. */
  boolean eventStored(DSLContext ctx, String eventId);
}
