package dev.herald.core.inbound;

import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;
import static dev.herald.core.store.jooq.Tables.INBOUND_DELIVERIES;
import static dev.herald.core.store.jooq.Tables.INBOUND_SOURCES;
import static java.util.Objects.requireNonNull;

import dev.herald.core.secret.SecretSealer;
import dev.herald.core.store.Dialect;
import dev.herald.core.store.OldestFirstPurge;
import dev.herald.core.store.PurgedRows;
import dev.herald.core.store.jooq.tables.records.InboundSourcesRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores inbound sources through jOOQ; the secret is sealed on the way in and opened on the way
 * out, bound to its row, so the table never holds one in clear.
 */
public final class JooqInboundSourceStore implements InboundSourceStore {

  private static final Logger log = LoggerFactory.getLogger(JooqInboundSourceStore.class);

  private static final OldestFirstPurge OLDEST_DELIVERY_IDS_FIRST =
      new OldestFirstPurge(
          INBOUND_DELIVERIES, INBOUND_DELIVERIES.ID, INBOUND_DELIVERIES.RECEIVED_AT);

  private final Dialect dialect;
  private final SecretSealer secrets;

  /** Creates the store for a database of {@code dialect}, sealing secrets with {@code secrets}. */
  public JooqInboundSourceStore(Dialect dialect, SecretSealer secrets) {
    this.dialect = requireNonNull(dialect, "dialect");
    this.secrets = requireNonNull(secrets, "secrets");
  }

  @Override
  public List<InboundSource> all(DSLContext ctx) {
    return ctx.selectFrom(INBOUND_SOURCES).orderBy(INBOUND_SOURCES.ID).fetch(r -> toSource(ctx, r));
  }

  @Override
  public Optional<InboundSource> find(DSLContext ctx, String id) {
    return ctx.selectFrom(INBOUND_SOURCES)
        .where(INBOUND_SOURCES.ID.eq(id))
        .fetchOptional()
        .map(r -> toSource(ctx, r));
  }

  private InboundSource toSource(DSLContext ctx, InboundSourcesRecord r) {
    VerifierSettings verifier =
        new VerifierSettings(
            VerifierKind.parse(r.getVerifier()),
            Optional.ofNullable(r.getSignatureHeader()),
            Optional.ofNullable(r.getAlgorithm()).map(HmacAlgorithm::parse),
            Optional.ofNullable(r.getEncoding()).map(SignatureEncoding::parse),
            Optional.ofNullable(r.getSignaturePrefix()),
            Optional.ofNullable(r.getToleranceMillis()).map(Duration::ofMillis));
    return new InboundSource(
        r.getId(),
        r.getRealmId(),
        verifier,
        secrets.open(ctx, r.getSecret(), secretContext(r.getId())),
        RequestTemplate.parse(r.getEventTypeTemplate()),
        Optional.ofNullable(r.getDeliveryIdTemplate()).map(RequestTemplate::parse),
        SourceStatus.fromDb(r.getStatus()),
        InboundSource.Origin.valueOf(r.getOrigin().toUpperCase(java.util.Locale.ROOT)));
  }

  @Override
  public boolean insert(DSLContext tx, InboundSource source, Instant now) {
    if (tx.fetchExists(INBOUND_SOURCES, INBOUND_SOURCES.ID.eq(source.id()))) {
      return false;
    }
    InboundSourcesRecord r = tx.newRecord(INBOUND_SOURCES);
    r.setId(source.id());
    r.setOrigin(source.origin().name().toLowerCase(java.util.Locale.ROOT));
    r.setCreatedAt(now.toEpochMilli());
    fill(tx, r, source, now);
    r.store();
    return true;
  }

  @Override
  public void update(DSLContext tx, InboundSource changed, Instant now) {
    InboundSourcesRecord r =
        tx.selectFrom(INBOUND_SOURCES).where(INBOUND_SOURCES.ID.eq(changed.id())).fetchOne();
    if (r == null) {
      throw new IllegalStateException("no inbound source " + changed.id());
    }
    fill(tx, r, changed, now);
    r.store();
  }

  private void fill(DSLContext tx, InboundSourcesRecord r, InboundSource source, Instant now) {
    VerifierSettings verifier = source.verifier();
    r.setRealmId(source.realmId());
    r.setVerifier(verifier.kind().wireName());
    r.setSignatureHeader(verifier.header().orElse(null));
    r.setAlgorithm(verifier.algorithm().map(HmacAlgorithm::wireName).orElse(null));
    r.setEncoding(verifier.encoding().map(SignatureEncoding::wireName).orElse(null));
    r.setSignaturePrefix(verifier.prefix().orElse(null));
    r.setToleranceMillis(verifier.tolerance().map(Duration::toMillis).orElse(null));
    r.setSecret(secrets.seal(tx, source.secret(), secretContext(source.id())));
    r.setEventTypeTemplate(source.eventType().text());
    r.setDeliveryIdTemplate(source.deliveryId().map(RequestTemplate::text).orElse(null));
    r.setStatus(source.status().dbValue());
    r.setUpdatedAt(now.toEpochMilli());
  }

  @Override
  public boolean delete(DSLContext tx, String id) {
    tx.deleteFrom(INBOUND_DELIVERIES).where(INBOUND_DELIVERIES.SOURCE_ID.eq(id)).execute();
    return tx.deleteFrom(INBOUND_SOURCES).where(INBOUND_SOURCES.ID.eq(id)).execute() > 0;
  }

  @Override
  public void syncConfigured(DSLContext tx, List<InboundSource> configured, Instant now) {
    // Nodes starting together take turns; each then reads what the one before it stored.
    dialect.lock(tx, "herald.sources.sync");
    Map<String, InboundSource> stored = new HashMap<>();
    all(tx).forEach(s -> stored.put(s.id(), s));
    Set<String> configuredIds = new HashSet<>();
    for (InboundSource source : configured) {
      configuredIds.add(source.id());
      InboundSource existing = stored.get(source.id());
      if (existing == null) {
        insert(tx, source, now);
      } else if (existing.origin() == InboundSource.Origin.CONFIG) {
        // An operator's pause holds until resumed over the API.
        boolean paused = existing.status() == SourceStatus.PAUSED;
        update(tx, paused ? source.withStatus(SourceStatus.PAUSED) : source, now);
      } else {
        log.warn(
            "Inbound source {} in the configuration is ignored: a source created over the API"
                + " has that id",
            source.id());
      }
    }
    for (InboundSource s : stored.values()) {
      if (s.origin() == InboundSource.Origin.CONFIG
          && !configuredIds.contains(s.id())
          && s.status() != SourceStatus.DISABLED) {
        update(tx, s.withStatus(SourceStatus.DISABLED), now);
      }
    }
  }

  @Override
  public String claimDelivery(
      DSLContext tx, String sourceId, String deliveryId, String eventId, Instant now) {
    tx.insertInto(INBOUND_DELIVERIES)
        .set(INBOUND_DELIVERIES.SOURCE_ID, sourceId)
        .set(INBOUND_DELIVERIES.DELIVERY_ID, deliveryId)
        .set(INBOUND_DELIVERIES.EVENT_ID, eventId)
        .set(INBOUND_DELIVERIES.RECEIVED_AT, now.toEpochMilli())
        .onConflictDoNothing()
        .execute();
    // Read back: the row is this call's, or a concurrent or earlier claim's that committed first.
    return tx.select(INBOUND_DELIVERIES.EVENT_ID)
        .from(INBOUND_DELIVERIES)
        .where(INBOUND_DELIVERIES.SOURCE_ID.eq(sourceId))
        .and(INBOUND_DELIVERIES.DELIVERY_ID.eq(deliveryId))
        .fetchSingle(INBOUND_DELIVERIES.EVENT_ID);
  }

  @Override
  public int resealSecrets(DSLContext tx) {
    int resealed = 0;
    for (InboundSourcesRecord r : tx.selectFrom(INBOUND_SOURCES).fetch()) {
      if (secrets.isCurrent(tx, r.getSecret())) {
        continue;
      }
      String context = secretContext(r.getId());
      tx.update(INBOUND_SOURCES)
          .set(
              INBOUND_SOURCES.SECRET,
              secrets.seal(tx, secrets.open(tx, r.getSecret(), context), context))
          .where(INBOUND_SOURCES.ID.eq(r.getId()))
          .execute();
      resealed++;
    }
    return resealed;
  }

  @Override
  public PurgedRows purgeDeliveryIds(DSLContext tx, long afterId, Instant before, int limit) {
    return OLDEST_DELIVERY_IDS_FIRST.purge(tx, afterId, before, limit, DSL.noCondition());
  }

  @Override
  public boolean eventStored(DSLContext ctx, String eventId) {
    return ctx.fetchExists(EVENT_OUTBOX, EVENT_OUTBOX.EVENT_ID.eq(eventId));
  }

  private static String secretContext(String sourceId) {
    return "inbound_sources.secret:" + sourceId;
  }
}
