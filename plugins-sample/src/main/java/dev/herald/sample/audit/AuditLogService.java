package dev.herald.sample.audit;

import static java.util.Objects.requireNonNull;

import dev.herald.proto.plugin.v1.DeliverRequest;
import dev.herald.proto.plugin.v1.DeliverResponse;
import dev.herald.proto.plugin.v1.DeliverResponse.Outcome;
import dev.herald.proto.plugin.v1.DescribeRequest;
import dev.herald.proto.plugin.v1.DescribeResponse;
import dev.herald.proto.plugin.v1.PluginServiceGrpc;
import dev.herald.proto.plugin.v1.Subscription;
import io.grpc.stub.StreamObserver;
import java.io.IOException;

/**
 * The audit-log plugin's {@code PluginService}: ACKs a delivery once its line is on the disk, asks
 * for a retry when the file cannot be written, and rejects a delivery without an event.
 *
 * <p>Delivery is at-least-once and every attempt is written, so a retried event appears once per
 * attempt; readers de-duplicate on {@code envelope.event_id} (the lines carry {@code attempt}).
 */
final class AuditLogService extends PluginServiceGrpc.PluginServiceImplBase {

  static final String PLUGIN_ID = "audit-log";
  static final String VERSION = "0.1.0";
  static final int PROTOCOL_VERSION = 1;

  private final AuditLog log;

  AuditLogService(AuditLog log) {
    this.log = requireNonNull(log, "log");
  }

  @Override
  public void describe(DescribeRequest request, StreamObserver<DescribeResponse> responses) {
    // The same subscriptions as audit-log.plugin.yaml: Describe may narrow them, never widen.
    responses.onNext(
        DescribeResponse.newBuilder()
            .setPluginId(PLUGIN_ID)
            .setVersion(VERSION)
            .setProtocolVersion(PROTOCOL_VERSION)
            .addSubscriptions(
                Subscription.newBuilder().addEventTypes("user.*").addEventTypes("group.*"))
            .build());
    responses.onCompleted();
  }

  @Override
  public void deliver(DeliverRequest request, StreamObserver<DeliverResponse> responses) {
    responses.onNext(outcome(request));
    responses.onCompleted();
  }

  private DeliverResponse outcome(DeliverRequest request) {
    if (request.getEnvelope().getEventId().isEmpty()) {
      return DeliverResponse.newBuilder()
          .setOutcome(Outcome.REJECT)
          .setReason("envelope.event_id is empty")
          .build();
    }
    try {
      log.append(request);
      return DeliverResponse.newBuilder().setOutcome(Outcome.ACK).build();
    } catch (IOException e) {
      System.err.println("audit-log: cannot append " + request.getDeliveryId() + ": " + e);
      return DeliverResponse.newBuilder()
          .setOutcome(Outcome.RETRY)
          .setReason("cannot write the audit log: " + e.getMessage())
          .build();
    }
  }
}
