package dev.herald.host.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.admin.StorageStats;
import dev.herald.core.admin.TableStorage;
import dev.herald.proto.admin.v1.GetStorageStatsRequest;
import dev.herald.proto.admin.v1.GetStorageStatsResponse;
import dev.herald.proto.admin.v1.StorageServiceGrpc;
import dev.herald.proto.admin.v1.TableStats;
import io.grpc.stub.StreamObserver;

/** Rows, bytes and the oldest row of each table, for operators watching retention. */
final class StorageApi extends StorageServiceGrpc.StorageServiceImplBase {

  private final StorageStats stats;

  StorageApi(StorageStats stats) {
    this.stats = requireNonNull(stats, "stats");
  }

  @Override
  public void getStorageStats(
      GetStorageStatsRequest req, StreamObserver<GetStorageStatsResponse> out) {
    // The tables hold every realm's rows.
    Caller.current().requireAllRealms("read storage stats");
    GetStorageStatsResponse.Builder response = GetStorageStatsResponse.newBuilder();
    stats.tables().forEach(table -> response.addTables(message(table)));
    WebhookApi.reply(out, response.build());
  }

  private static TableStats message(TableStorage table) {
    TableStats.Builder message =
        TableStats.newBuilder().setTable(table.table()).setRows(table.rows());
    table.bytes().ifPresent(message::setBytes);
    table.oldest().map(ProtoTime::timestamp).ifPresent(message::setOldest);
    return message.build();
  }
}
