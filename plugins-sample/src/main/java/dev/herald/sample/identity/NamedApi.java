package dev.herald.sample.identity;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.annotation.Blocking;
import com.linecorp.armeria.server.annotation.Delete;
import com.linecorp.armeria.server.annotation.Get;
import com.linecorp.armeria.server.annotation.Param;
import com.linecorp.armeria.server.annotation.Patch;
import com.linecorp.armeria.server.annotation.Post;
import com.linecorp.armeria.server.annotation.ProducesJson;
import com.linecorp.armeria.server.annotation.StatusCode;
import dev.herald.core.emit.EventContext;

/**
 * Creates, reads, changes and deletes a named aggregate, each change with its event in the same
 * transaction; served twice, under {@code /groups} and under {@code /roles}.
 */
@Blocking
@ProducesJson
final class NamedApi {

  private final IdentityChanges changes;
  private final NamedTable table;
  private final NamedEvents emit;

  NamedApi(IdentityChanges changes, NamedTable table, NamedEvents emit) {
    this.changes = requireNonNull(changes, "changes");
    this.table = requireNonNull(table, "table");
    this.emit = requireNonNull(emit, "emit");
  }

  /** Creates a group or role and emits {@code group.created} or {@code role.created}. */
  @Post
  @StatusCode(201)
  public NamedView create(ServiceRequestContext request, Requests.NamedFields body) {
    EventContext context = RequestOrigin.of(request, changes);
    NamedView row = body.create(changes.newId());
    return changes.run(
        (tx, events) -> {
          table.insert(tx, row, changes.now());
          emit.created(events, context, row);
          return row;
        });
  }

  /** Returns a group or role. */
  @Get("/{id}")
  public NamedView get(@Param("id") String id) {
    return changes.read(ctx -> table.find(ctx, id));
  }

  /** Changes a name or description and emits {@code *.updated} with the fields that changed. */
  @Patch("/{id}")
  public NamedView update(
      ServiceRequestContext request, @Param("id") String id, Requests.NamedFields body) {
    EventContext context = RequestOrigin.of(request, changes);
    return changes.run(
        (tx, events) -> {
          NamedView before = table.find(tx, id);
          NamedView after = body.applyTo(before);
          if (!after.equals(before)) {
            table.save(tx, after, changes.now());
            emit.updated(events, context, before, after);
          }
          return after;
        });
  }

  /** Deletes a group or role, with its links, and emits {@code *.deleted}. */
  @Delete("/{id}")
  public void delete(ServiceRequestContext request, @Param("id") String id) {
    EventContext context = RequestOrigin.of(request, changes);
    changes.run(
        (tx, events) -> {
          NamedView row = table.find(tx, id);
          table.delete(tx, id);
          emit.deleted(events, context, row);
          return null;
        });
  }
}
