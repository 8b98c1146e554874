package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.inbound.InboundSource;
import dev.herald.core.inbound.InboundSourceStore;
import dev.herald.core.inbound.InvalidSourceException;
import dev.herald.core.inbound.SourceDraft;
import dev.herald.core.store.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The admin commands on inbound sources: create, read, list, change and delete those made over the
 * API, and store those the config file declares. Sources from the file are changed in the file,
 * except for pausing.
 */
public final class InboundSources {

  private final Database database;
  private final InboundSourceStore store;
  private final Clock clock;
  private final SecureRandom random;

  /** Creates the commands. */
  public InboundSources(
      Database database, InboundSourceStore store, Clock clock, SecureRandom random) {
    this.database = requireNonNull(database, "database");
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
    this.random = requireNonNull(random, "random");
  }

  /**
   * Creates a source; the result carries its secret when Herald generated it.
   *
   * @throws AdminException naming every bad field, or when the id is taken
   */
  public SourceDraft.Built create(SourceDraft draft) {
    SourceDraft.Built built = checked(draft, InboundSource.Origin.API);
    boolean inserted = database.write(tx -> store.insert(tx, built.source(), clock.instant()));
    if (!inserted) {
      throw AdminException.alreadyExists("source '" + draft.id() + "'");
    }
    return built;
  }

  /** Returns a source, whatever its status. */
  public InboundSource get(String id) {
    return database
        .read(ctx -> store.find(ctx, id))
        .orElseThrow(() -> AdminException.notFound("source '" + id + "'"));
  }

  /** Returns the sources of {@code realms}, ordered by id. */
  public List<InboundSource> list(Realms realms) {
    return database.read(store::all).stream().filter(s -> realms.contains(s.realmId())).toList();
  }

  /**
   * Changes a source: {@code change} edits its declaration, which is checked again whole. A source
   * from the config file may only be paused or resumed here.
   */
  public InboundSource update(String id, UnaryOperator<SourceDraft> change) {
    return database.write(
        tx -> {
          InboundSource current =
              store.find(tx, id).orElseThrow(() -> AdminException.notFound("source '" + id + "'"));
          SourceDraft before = SourceDraft.of(current);
          SourceDraft after = change.apply(before);
          if (current.origin() == InboundSource.Origin.CONFIG
              && !after.equals(before.withStatus(after.status()))) {
            throw fromConfig(id);
          }
          InboundSource changed = checked(after, current.origin()).source();
          store.update(tx, changed, clock.instant());
          return changed;
        });
  }

  /** Deletes a source made over the API; returns it as it was. */
  public InboundSource delete(String id) {
    return database.write(
        tx -> {
          InboundSource current =
              store.find(tx, id).orElseThrow(() -> AdminException.notFound("source '" + id + "'"));
          if (current.origin() == InboundSource.Origin.CONFIG) {
            throw fromConfig(id);
          }
          store.delete(tx, id);
          return current;
        });
  }

  /** Stores the sources the config file declares, disabling those it no longer does. */
  public void syncConfigured(List<InboundSource> configured) {
    database.write(
        tx -> {
          store.syncConfigured(tx, configured, clock.instant());
          return null;
        });
  }

  private SourceDraft.Built checked(SourceDraft draft, InboundSource.Origin origin) {
    try {
      return draft.build(origin, random);
    } catch (InvalidSourceException e) {
      throw AdminException.invalid(e.violations());
    }
  }

  private static AdminException fromConfig(String id) {
    return AdminException.failedPrecondition(
        "source '"
            + id
            + "' is declared in the config file (expected: change it there; only"
            + " pausing and resuming are done over the API)");
  }
}
