package dev.herald.dispatch.http;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.common.SessionProtocol;
import dev.herald.core.net.AddressPolicy;
import java.util.List;

/** Runs the dispatcher contract over HTTP/1.1, what most receivers speak. */
class Http1WebhookDispatcherIT extends AbstractHttpWebhookDispatcherIT {

  @Override
  ClientFactory newClientFactory() {
    return WebhookClientFactory.builder(AddressPolicy.allowing(List.of("127.0.0.1")))
        .preferHttp1(true)
        .build();
  }

  @Override
  SessionProtocol expectedProtocol() {
    return SessionProtocol.H1C;
  }
}
