package dev.herald.dispatch.http;

import static java.util.Objects.requireNonNull;

import dev.herald.core.net.AddressPolicy;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;

/** Gives each event loop a {@link GuardedAddressResolver} over the delegate group's resolver. */
final class GuardedAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {

  private final AddressPolicy policy;
  private final AddressResolverGroup<? extends InetSocketAddress> delegate;

  GuardedAddressResolverGroup(
      AddressPolicy policy, AddressResolverGroup<? extends InetSocketAddress> delegate) {
    this.policy = requireNonNull(policy, "policy");
    this.delegate = requireNonNull(delegate, "delegate");
  }

  @Override
  protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
    return new GuardedAddressResolver(executor, policy, delegate.getResolver(executor));
  }

  @Override
  public void close() {
    super.close();
    delegate.close();
  }
}
