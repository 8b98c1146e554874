package dev.herald.dispatch.http;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.common.SessionProtocol;

/** Runs the dispatcher contract over HTTP/1.1, what most receivers speak. */
class Http1WebhookDispatcherIT extends AbstractHttpWebhookDispatcherIT {

  @Override
  ClientFactory newClientFactory() {
    return ClientFactory.builder().preferHttp1(true).build();
  }

  @Override
  SessionProtocol expectedProtocol() {
    return SessionProtocol.H1C;
  }
}
