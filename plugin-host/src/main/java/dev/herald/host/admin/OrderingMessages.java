package dev.herald.host.admin;

import dev.herald.core.admin.OrderingRequest;
import dev.herald.core.route.Ordering;

/** Renders a target's ordering for the admin API, and reads one from a request. */
final class OrderingMessages {

  private OrderingMessages() {}

  static dev.herald.proto.admin.v1.Ordering of(Ordering ordering) {
    return dev.herald.proto.admin.v1.Ordering.newBuilder()
        .setKey(ordering.key().spec())
        .setOnDead(ordering.onDead().text())
        .build();
  }

  /** Returns an ordering as a request wrote it; the commands validate it. */
  static OrderingRequest request(dev.herald.proto.admin.v1.Ordering ordering) {
    return new OrderingRequest(ordering.getKey(), ordering.getOnDead());
  }
}
