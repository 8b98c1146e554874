package dev.herald.dispatch.http;

import static java.util.Objects.requireNonNull;

import dev.herald.core.net.AddressDenial;
import java.io.IOException;

/** Fails a connection before it is made: the target's address is denied by the policy. */
public final class BlockedAddressException extends IOException {

  private static final long serialVersionUID = 1L;

  private final transient AddressDenial denial;

  /** Creates the failure for {@code denial}. */
  public BlockedAddressException(AddressDenial denial) {
    super(requireNonNull(denial, "denial").message());
    this.denial = denial;
  }

  /** Returns which host, address and rule were refused. */
  public AddressDenial denial() {
    return denial;
  }
}
