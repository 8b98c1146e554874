package dev.herald.host;

import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;
import static dev.herald.host.ApiTokens.ACME_PUBLISHER;
import static dev.herald.host.ApiTokens.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.RetryInfo;
import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.core.testing.SettableClock;
import dev.herald.host.ApiClients.Reply;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.ingest.v1.IngestServiceGrpc.IngestServiceBlockingStub;
import dev.herald.proto.ingest.v1.PublishBatchRequest;
import dev.herald.proto.ingest.v1.PublishRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-realm ingest quotas: over its quota, a realm's publish is refused with 429 (gRPC
 * RESOURCE_EXHAUSTED) and Retry-After, and nothing of it is stored.
 */
class IngestQuotaIT {

  private static final Metadata.Key<String> RETRY_AFTER =
      Metadata.Key.of("retry-after", Metadata.ASCII_STRING_MARSHALLER);

  @TempDir Path folder;
  private final SettableClock clock = SettableClock.atEpoch2026();
  private final EnvelopeFactory events =
      new EnvelopeFactory(clock, new SplittableRandom(5), "urn:herald:remote");
  @AutoClose private TestHerald herald;
  private ApiClients api;

  @BeforeEach
  void start() {
    herald =
        TestHerald.startWithApi(
            folder,
            """
            ingest:
              quota: 2/min
              realm_quotas: {globex: 100/s}
            """,
            clock);
    api = new ApiClients(herald.apiUrl());
  }

  private int stored() {
    return herald.server().database().read(ctx -> ctx.fetchCount(EVENT_OUTBOX));
  }

  private void publish(String token, EventEnvelope event) {
    api.grpc(IngestServiceBlockingStub.class, token)
        .publish(PublishRequest.newBuilder().setEvent(event).build());
  }

  @Test
  void overItsQuotaARealmIsRefusedWithRetryAfterAndNothingIsStored() {
    publish(ACME_PUBLISHER, events.json("user.created", "acme", "{}"));
    publish(ACME_PUBLISHER, events.json("user.created", "acme", "{}"));

    StatusRuntimeException refused =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> publish(ACME_PUBLISHER, events.json("user.created", "acme", "{}")));
    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(refused.getStatus().getDescription())
        .contains("realm 'acme' is over its ingest quota of 2/min", "nothing was stored");
    assertThat(refused.getTrailers().get(RETRY_AFTER)).isEqualTo("30");
    assertThat(StatusProto.fromThrowable(refused).getDetailsList())
        .anySatisfy(
            detail ->
                assertThat(detail.unpack(RetryInfo.class).getRetryDelay().getSeconds())
                    .isEqualTo(30));

    Reply rest =
        api.post(
            ACME_PUBLISHER,
            "/api/v1/events",
            "{\"event_type\": \"user.created\", \"realm_id\": \"acme\", \"json_payload\": \"{}\"}");
    assertThat(rest.status()).isEqualTo(429);
    assertThat(rest.headers().get("retry-after")).isEqualTo("30");
    assertThat(rest.body().toString()).contains("over its ingest quota");
    assertThat(stored()).isEqualTo(2);

    clock.advance(Duration.ofSeconds(30));
    publish(ACME_PUBLISHER, events.json("user.created", "acme", "{}"));
    assertThat(stored()).isEqualTo(3);
  }

  @Test
  void aBatchOverAnyRealmsQuotaStoresNothingAndCostsTheOtherRealmsNothing() {
    publish(ADMIN, events.json("user.created", "acme", "{}"));
    publish(ADMIN, events.json("user.created", "acme", "{}"));
    List<EventEnvelope> globex = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      globex.add(events.json("user.created", "globex", "{}"));
    }

    StatusRuntimeException refused =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                api.grpc(IngestServiceBlockingStub.class, ADMIN)
                    .publishBatch(
                        PublishBatchRequest.newBuilder()
                            .addAllEvents(globex)
                            .addEvents(events.json("user.created", "acme", "{}"))
                            .build()));

    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(stored()).isEqualTo(2);
    // globex's 100 permits (one second of its quota) were given back when acme's were refused.
    api.grpc(IngestServiceBlockingStub.class, ADMIN)
        .publishBatch(PublishBatchRequest.newBuilder().addAllEvents(globex).build());
    assertThat(stored()).isEqualTo(102);
  }
}
