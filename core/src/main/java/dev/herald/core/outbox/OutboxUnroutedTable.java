package dev.herald.core.outbox;

import dev.herald.core.store.jooq.DefaultSchema;
import org.jooq.Record;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.impl.TableImpl;

/**
 * The PostgreSQL queue of outbox events not yet routed (db/migration/postgresql/V6), declared by
 * hand because the jOOQ model is generated from SQLite, which routes by cursor. It belongs to the
 * generated schema so that a configured PostgreSQL schema qualifies it like every other table.
 */
final class OutboxUnroutedTable extends TableImpl<Record> {

  static final OutboxUnroutedTable OUTBOX_UNROUTED = new OutboxUnroutedTable();

  final TableField<Record, Long> OUTBOX_ID =
      createField(DSL.name("outbox_id"), SQLDataType.BIGINT.nullable(false), this);

  private OutboxUnroutedTable() {
    super(DSL.name("outbox_unrouted"), DefaultSchema.DEFAULT_SCHEMA);
  }
}
