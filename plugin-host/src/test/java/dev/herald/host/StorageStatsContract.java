package dev.herald.host;

import static dev.herald.host.ApiTokens.ACME_ADMIN;
import static dev.herald.host.ApiTokens.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.util.Timestamps;
import dev.herald.core.testing.SettableClock;
import dev.herald.host.ApiClients.Reply;
import dev.herald.proto.admin.v1.GetStorageStatsRequest;
import dev.herald.proto.admin.v1.StorageServiceGrpc.StorageServiceBlockingStub;
import dev.herald.proto.admin.v1.TableStats;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Storage stats over gRPC and REST: rows, bytes and oldest row per table; one per database. */
abstract class StorageStatsContract {

  @TempDir Path folder;
  private final TestDatabase database;
  @AutoClose private TestHerald herald;
  private final SettableClock clock =
      new SettableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  private ApiClients api;

  StorageStatsContract(TestDatabase database) {
    this.database = database;
  }

  @BeforeEach
  void start() {
    herald = TestHerald.startWithApi(database, folder, "", clock);
    api = new ApiClients(herald.apiUrl());
  }

  @Test
  void eachTableReportsItsRowsBytesAndOldestRow() {
    Instant first = clock.instant();
    herald.publish("user.created", "acme", "{}");
    clock.advance(Duration.ofMinutes(5));
    herald.publish("user.created", "acme", "{}");
    herald.publish("user.created", "acme", "{}");

    Map<String, TableStats> tables = tables(api);

    TableStats events = tables.get("event_outbox");
    assertThat(events.getRows()).isEqualTo(3);
    assertThat(events.hasBytes()).isTrue();
    assertThat(events.getBytes()).isPositive();
    assertThat(Timestamps.toMillis(events.getOldest())).isEqualTo(first.toEpochMilli());
    TableStats deliveries = tables.get("deliveries");
    assertThat(deliveries.getRows()).isZero();
    assertThat(deliveries.hasOldest()).as("empty: no oldest row").isFalse();
    assertThat(tables)
        .containsKeys("delivery_logs", "webhook_endpoints", "aggregate_sequences", "secret_keys");
  }

  /** Returns the storage stats of each table over gRPC, by table name. */
  static Map<String, TableStats> tables(ApiClients api) {
    return api
        .grpc(StorageServiceBlockingStub.class, ADMIN)
        .getStorageStats(GetStorageStatsRequest.getDefaultInstance())
        .getTablesList()
        .stream()
        .collect(Collectors.toMap(TableStats::getTable, Function.identity()));
  }

  @Test
  void restServesTheSameStats() {
    herald.publish("user.created", "acme", "{}");

    Reply reply = api.get(ADMIN, "/api/v1/storage");

    assertThat(reply.status()).isEqualTo(200);
    Map<String, JsonNode> tables =
        StreamSupport.stream(reply.body().get("tables").spliterator(), false)
            .collect(Collectors.toMap(t -> t.get("table").asText(), Function.identity()));
    assertThat(tables.get("event_outbox").get("rows").asText()).isEqualTo("1");
    assertThat(tables.get("event_outbox").has("oldest")).isTrue();
  }

  @Test
  void aTokenLimitedToSomeRealmsIsRefused() {
    assertThat(api.get(ACME_ADMIN, "/api/v1/storage").status()).isEqualTo(403);
    StatusRuntimeException refused =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                api.grpc(StorageServiceBlockingStub.class, ACME_ADMIN)
                    .getStorageStats(GetStorageStatsRequest.getDefaultInstance()));
    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
  }
}
