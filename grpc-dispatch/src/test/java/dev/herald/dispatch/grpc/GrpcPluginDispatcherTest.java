package dev.herald.dispatch.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Duration;
import dev.herald.core.dispatch.DeliveryAttempt;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.route.SubscriptionIndex;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.plugin.v1.DeliverResponse;
import dev.herald.proto.plugin.v1.DeliverResponse.Outcome;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GrpcPluginDispatcherTest {

  private final Map<String, java.time.Duration> timeouts = new HashMap<>();
  private InProcessPlugin plugin;
  private PluginChannels channels;
  private GrpcPluginDispatcher dispatcher;

  @BeforeEach
  void start() throws Exception {
    plugin = new InProcessPlugin();
    channels = new PluginChannels();
    channels.adopt(ScriptedPlugin.ID, plugin.newChannel());
    timeouts.put(ScriptedPlugin.ID, java.time.Duration.ofSeconds(10));
    dispatcher = dispatcher(Selections.AS_PUBLISHED);
  }

  private GrpcPluginDispatcher dispatcher(
      BiFunction<String, EventEnvelope, SubscriptionIndex.Selection> selections) {
    return new GrpcPluginDispatcher(
        channels, id -> Optional.ofNullable(timeouts.get(id)), selections);
  }

  @AfterEach
  void stop() throws Exception {
    channels.close();
    plugin.close();
  }

  @Test
  void servesThePluginKind() {
    assertThat(dispatcher.kind()).isEqualTo(TargetRef.PLUGIN);
  }

  @Test
  void theEventsTraceContextTravelsAsMetadata() throws Exception {
    plugin.service().answer(Outcome.ACK);

    dispatch(Attempts.toPlugin());

    Metadata headers = plugin.callHeaders().getLast();
    assertThat(headers.get(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER)))
        .isEqualTo(Attempts.ENVELOPE.getTraceparent());
    assertThat(headers.containsKey(Metadata.Key.of("tracestate", Metadata.ASCII_STRING_MARSHALLER)))
        .as("the envelope has no tracestate")
        .isFalse();
  }

  @Test
  void ackIsDelivered() throws Exception {
    plugin.service().answer(Outcome.ACK);

    DeliveryResult result = dispatch(Attempts.toPlugin());

    assertThat(result.outcome()).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(result.grpcCode()).isEqualTo("OK");
    assertThat(result.errorClass()).isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "ACK,                 Delivered, OK, ",
    "RETRY,               Retry,     OK, plugin_retry",
    "OUTCOME_UNSPECIFIED, Retry,     OK, plugin_outcome_unspecified",
    "REJECT,              Rejected,  OK, plugin_reject",
  })
  void outcomesMapToResults(Outcome outcome, String expected, String grpcCode, String errorClass)
      throws Exception {
    plugin.service().answer(outcome);

    DeliveryResult result = dispatch(Attempts.toPlugin());

    assertThat(result.outcome().getClass().getSimpleName()).isEqualTo(expected);
    assertThat(result.grpcCode()).isEqualTo(grpcCode);
    assertThat(result.errorClass()).isEqualTo(errorClass);
    if (errorClass != null) {
      assertThat(result.errorMessage()).isNotBlank();
    }
  }

  @Test
  void unsetOutcomeIsRetriedWithAnExplanation() throws Exception {
    plugin.service().answer(DeliverResponse.getDefaultInstance());

    DeliveryResult result = dispatch(Attempts.toPlugin());

    assertThat(result.outcome()).isEqualTo(DeliveryOutcome.Retry.now());
    assertThat(result.errorMessage()).isEqualTo("plugin did not set an outcome");
  }

  @Test
  void outcomeFromANewerProtocolIsRetried() throws Exception {
    plugin.service().answer(DeliverResponse.newBuilder().setOutcomeValue(9).build());

    DeliveryResult result = dispatch(Attempts.toPlugin());

    assertThat(result.outcome()).isEqualTo(DeliveryOutcome.Retry.now());
    assertThat(result.errorClass()).isEqualTo("plugin_outcome_unknown");
    assertThat(result.errorMessage()).isEqualTo("outcome: 9 (expected: ACK, RETRY or REJECT)");
  }

  @ParameterizedTest
  @CsvSource({
    "UNAVAILABLE,         Retry",
    "DEADLINE_EXCEEDED,   Retry",
    "RESOURCE_EXHAUSTED,  Retry",
    "ABORTED,             Retry",
    "INTERNAL,            Retry",
    "UNKNOWN,             Retry",
    "CANCELLED,           Retry",
    "FAILED_PRECONDITION, Retry",
    "OUT_OF_RANGE,        Retry",
    "ALREADY_EXISTS,      Retry",
    "DATA_LOSS,           Retry",
    "INVALID_ARGUMENT,    Rejected",
    "UNIMPLEMENTED,       Rejected",
    "PERMISSION_DENIED,   Rejected",
    "UNAUTHENTICATED,     Rejected",
    "NOT_FOUND,           Rejected",
  })
  void statusCodesMapToResults(Status.Code code, String expected) throws Exception {
    plugin.service().fail(code.toStatus().withDescription("scripted " + code));

    DeliveryResult result = dispatch(Attempts.toPlugin());

    assertThat(result.outcome().getClass().getSimpleName()).isEqualTo(expected);
    assertThat(result.grpcCode()).isEqualTo(code.name());
    assertThat(result.errorClass())
        .isEqualTo(
            switch (code) {
              case DEADLINE_EXCEEDED -> "timeout";
              case RESOURCE_EXHAUSTED -> "rate_limited";
              default -> "grpc_status";
            });
    assertThat(result.errorMessage()).contains(code.name() + ": scripted " + code);
  }

  @Test
  void pluginThatThrowsIsRetriedAsUnknown() throws Exception {
    // grpc-java turns an exception escaping a service method into UNKNOWN.
    plugin.service().explode();

    DeliveryResult result = dispatch(Attempts.toPlugin());

    assertThat(result.outcome()).isEqualTo(DeliveryOutcome.Retry.now());
    assertThat(result.grpcCode()).isEqualTo("UNKNOWN");
  }

  @Test
  void slowPluginIsRetriedAtItsDeadline() throws Exception {
    plugin.service().hang();
    timeouts.put(ScriptedPlugin.ID, java.time.Duration.ofMillis(50));

    DeliveryResult result = dispatch(Attempts.toPlugin());

    assertThat(result.outcome()).isEqualTo(DeliveryOutcome.Retry.now());
    assertThat(result.grpcCode()).isEqualTo("DEADLINE_EXCEEDED");
    assertThat(result.errorClass()).isEqualTo("timeout");
    assertThat(result.errorMessage())
        .startsWith("DEADLINE_EXCEEDED: ")
        .endsWith("(deadline: PT0.05S)");
  }

  @Test
  void retryAfterIsHonoured() throws Exception {
    plugin
        .service()
        .answer(
            DeliverResponse.newBuilder()
                .setOutcome(Outcome.RETRY)
                .setRetryAfter(Duration.newBuilder().setSeconds(90).setNanos(500_000_000))
                .setReason("downstream busy")
                .build());

    DeliveryResult result = dispatch(Attempts.toPlugin());

    assertThat(result.outcome())
        .isEqualTo(new DeliveryOutcome.Retry(Optional.of(java.time.Duration.ofMillis(90_500))));
    assertThat(result.errorMessage()).isEqualTo("downstream busy");
  }

  @Test
  void retryWithoutRetryAfterLeavesTheDelayToBackoff() throws Exception {
    plugin
        .service()
        .answer(
            DeliverResponse.newBuilder()
                .setOutcome(Outcome.RETRY)
                .setRetryAfter(Duration.newBuilder().setSeconds(-5))
                .build());

    DeliveryResult result = dispatch(Attempts.toPlugin());

    assertThat(result.outcome()).isEqualTo(DeliveryOutcome.Retry.now());
    assertThat(result.errorMessage()).isEqualTo("plugin asked to retry, without a reason");
  }

  @Test
  void rejectReasonIsRecorded() throws Exception {
    plugin
        .service()
        .answer(
            DeliverResponse.newBuilder()
                .setOutcome(Outcome.REJECT)
                .setReason("unknown customer u-42")
                .build());

    DeliveryResult result = dispatch(Attempts.toPlugin());

    assertThat(result.outcome()).isEqualTo(new DeliveryOutcome.Rejected("unknown customer u-42"));
    assertThat(result.errorClass()).isEqualTo("plugin_reject");
    assertThat(result.errorMessage()).isEqualTo("unknown customer u-42");
    assertThat(result.grpcCode()).isEqualTo("OK");
  }

  @Test
  void requestCarriesDeliveryIdAttemptAndTheExactEnvelope() throws Exception {
    dispatch(Attempts.toPlugin(ScriptedPlugin.ID, 9_007_199_254_740_993L, 3));

    assertThat(plugin.service().deliveries())
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.getDeliveryId()).isEqualTo("9007199254740993");
              assertThat(request.getAttempt()).isEqualTo(3);
              assertThat(request.getEnvelope()).isEqualTo(Attempts.ENVELOPE);
              assertThat(request.getEnvelope().toByteString())
                  .isEqualTo(Attempts.ENVELOPE.toByteString());
            });
  }

  @Test
  void pluginWithoutChannelIsRetried() throws Exception {
    channels.close(ScriptedPlugin.ID);

    DeliveryResult result = dispatch(Attempts.toPlugin());

    assertThat(result.outcome()).isEqualTo(DeliveryOutcome.Retry.now());
    assertThat(result.errorClass()).isEqualTo("plugin_not_running");
    assertThat(plugin.service().deliveries()).isEmpty();
  }

  @Test
  void unknownPluginIsRejected() throws Exception {
    DeliveryResult result = dispatch(Attempts.toPlugin("ghost", 1, 1));

    assertThat(result.outcome()).isInstanceOf(DeliveryOutcome.Rejected.class);
    assertThat(result.errorClass()).isEqualTo("plugin_missing");
    assertThat(result.errorMessage()).isEqualTo("plugin 'ghost' is not configured");
  }

  @Test
  void webhookTargetIsRejected() throws Exception {
    DeliveryAttempt attempt =
        new DeliveryAttempt(1, 1, TargetRef.webhook(ScriptedPlugin.ID), Attempts.ENVELOPE);

    DeliveryResult result = dispatch(attempt);

    assertThat(result.outcome()).isInstanceOf(DeliveryOutcome.Rejected.class);
    assertThat(result.errorClass()).isEqualTo("wrong_target_kind");
  }

  @Test
  void nonPositiveTimeoutIsRetriedWithoutACall() throws Exception {
    timeouts.put(ScriptedPlugin.ID, java.time.Duration.ZERO);

    DeliveryResult result = dispatch(Attempts.toPlugin());

    assertThat(result.outcome()).isEqualTo(DeliveryOutcome.Retry.now());
    assertThat(result.errorMessage()).isEqualTo("timeout: PT0S (expected: > 0)");
    assertThat(plugin.service().deliveries()).isEmpty();
  }

  @Test
  void failingLookupIsRetriedInsteadOfThrown() throws Exception {
    GrpcPluginDispatcher failing =
        new GrpcPluginDispatcher(
            channels,
            id -> {
              throw new IllegalStateException("config reloading");
            },
            Selections.AS_PUBLISHED);

    DeliveryResult result = failing.dispatch(Attempts.toPlugin()).get(5, TimeUnit.SECONDS);

    assertThat(result.outcome()).isEqualTo(DeliveryOutcome.Retry.now());
    assertThat(result.errorClass()).isEqualTo("error");
    assertThat(result.errorMessage()).isEqualTo("IllegalStateException: config reloading");
  }

  @Test
  void transformReplacesThePayloadAndKeepsTheRestOfTheEnvelope() throws Exception {
    plugin.service().answer(Outcome.ACK);
    dispatcher = dispatcher(Selections.transformedBy("{who: payload.name, type: event_type}"));

    DeliveryResult result = dispatch(Attempts.toPlugin());

    assertThat(result.outcome()).isInstanceOf(DeliveryOutcome.Delivered.class);
    EventEnvelope received = plugin.service().deliveries().getLast().getEnvelope();
    assertThat(received.getJsonPayload()).isEqualTo("{\"who\":\"Zoë\",\"type\":\"user.created\"}");
    assertThat(received.toBuilder().clearPayload().build())
        .isEqualTo(Attempts.ENVELOPE.toBuilder().clearPayload().build());
  }

  @Test
  void transformFailingOnTheEventRejectsItWithoutACall() throws Exception {
    dispatcher = dispatcher(Selections.transformedBy("abs(payload.name)"));

    DeliveryResult result = dispatch(Attempts.toPlugin());

    assertThat(result.outcome()).isInstanceOf(DeliveryOutcome.Rejected.class);
    assertThat(result.errorClass()).isEqualTo("transform_failed");
    assertThat(result.errorMessage())
        .startsWith("transform abs(payload.name) failed on this event");
    assertThat(plugin.service().deliveries()).isEmpty();
  }

  private DeliveryResult dispatch(DeliveryAttempt attempt) throws Exception {
    return dispatcher.dispatch(attempt).get(5, TimeUnit.SECONDS);
  }
}
