package dev.herald.core.inbound;

import java.time.Instant;

/** Checks that an inbound request comes from its source: a signature over the body, or a token. */
interface Verifier {

  /**
   * Returns normally when the request is authentic at {@code now}.
   *
   * @throws InboundRefusal of reason {@code UNAUTHENTICATED}, saying what is wrong
   */
  void verify(InboundHeaders headers, byte[] body, Instant now);
}
