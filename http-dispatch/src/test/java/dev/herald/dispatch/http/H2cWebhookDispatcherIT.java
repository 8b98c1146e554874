package dev.herald.dispatch.http;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.common.SessionProtocol;

/** Runs the dispatcher contract over HTTP/2 cleartext, Armeria's default for {@code http://}. */
class H2cWebhookDispatcherIT extends AbstractHttpWebhookDispatcherIT {

  @Override
  ClientFactory newClientFactory() {
    return ClientFactory.builder().build();
  }

  @Override
  SessionProtocol expectedProtocol() {
    return SessionProtocol.H2C;
  }
}
