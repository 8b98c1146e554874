package dev.herald.dispatch.grpc;

import dev.herald.proto.plugin.v1.DeliverRequest;
import dev.herald.proto.plugin.v1.DeliverResponse;
import dev.herald.proto.plugin.v1.DeliverResponse.Outcome;
import dev.herald.proto.plugin.v1.DescribeRequest;
import dev.herald.proto.plugin.v1.DescribeResponse;
import dev.herald.proto.plugin.v1.PluginServiceGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A real plugin service whose answers the test scripts, recording every request it receives. */
final class ScriptedPlugin extends PluginServiceGrpc.PluginServiceImplBase {

  static final String ID = "sample";

  private final List<DeliverRequest> deliveries = new CopyOnWriteArrayList<>();
  private final List<DescribeRequest> descriptions = new CopyOnWriteArrayList<>();
  private volatile Consumer<StreamObserver<DeliverResponse>> deliverAnswer =
      respondWith(DeliverResponse.newBuilder().setOutcome(Outcome.ACK).build());
  private volatile Consumer<StreamObserver<DescribeResponse>> describeAnswer =
      respondWith(
          DescribeResponse.newBuilder()
              .setPluginId(ID)
              .setVersion("1.0.0")
              .setProtocolVersion(1)
              .build());

  /** Answers every Deliver call with {@code response}. */
  void answer(DeliverResponse response) {
    deliverAnswer = respondWith(response);
  }

  /** Answers every Deliver call with {@code outcome} and no detail. */
  void answer(Outcome outcome) {
    answer(DeliverResponse.newBuilder().setOutcome(outcome).build());
  }

  /** Fails every Deliver call with {@code status}. */
  void fail(Status status) {
    deliverAnswer = observer -> observer.onError(status.asRuntimeException());
  }

  /** Throws from every Deliver call, like a plugin with a bug. */
  void explode() {
    deliverAnswer =
        observer -> {
          throw new IllegalStateException("plugin bug");
        };
  }

  /** Never answers Deliver calls, so they run into their deadline. */
  void hang() {
    deliverAnswer = observer -> {};
  }

  /** Never answers Describe calls. */
  void hangDescribe() {
    describeAnswer = observer -> {};
  }

  /** Returns the Deliver requests received so far. */
  List<DeliverRequest> deliveries() {
    return List.copyOf(deliveries);
  }

  /** Returns the Describe requests received so far. */
  List<DescribeRequest> descriptions() {
    return List.copyOf(descriptions);
  }

  @Override
  public void deliver(DeliverRequest request, StreamObserver<DeliverResponse> observer) {
    deliveries.add(request);
    deliverAnswer.accept(observer);
  }

  @Override
  public void describe(DescribeRequest request, StreamObserver<DescribeResponse> observer) {
    descriptions.add(request);
    describeAnswer.accept(observer);
  }

  private static <T> Consumer<StreamObserver<T>> respondWith(T response) {
    return observer -> {
      observer.onNext(response);
      observer.onCompleted();
    };
  }
}
