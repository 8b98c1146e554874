package dev.herald.dispatch.http;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.ClientFactoryBuilder;
import com.linecorp.armeria.common.util.TransportType;
import dev.herald.core.net.AddressPolicy;
import io.netty.channel.EventLoopGroup;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import java.net.InetSocketAddress;
import java.util.function.Function;

/**
 * Builds the Armeria client factories a {@link HttpWebhookDispatcher} accepts: their address
 * resolution checks every address against an {@link AddressPolicy} and connects only to a checked
 * one. The dispatcher refuses a factory built any other way.
 */
public final class WebhookClientFactory {

  private WebhookClientFactory() {}

  /** Returns a builder whose factory resolves with DNS (and the hosts file), guarded by policy. */
  public static ClientFactoryBuilder builder(AddressPolicy policy) {
    return builder(policy, WebhookClientFactory::dns);
  }

  /**
   * Returns a builder whose factory resolves with {@code resolvers} (e.g. a fixed table in tests),
   * guarded by {@code policy}.
   */
  public static ClientFactoryBuilder builder(
      AddressPolicy policy,
      Function<? super EventLoopGroup, ? extends AddressResolverGroup<? extends InetSocketAddress>>
          resolvers) {
    return ClientFactory.builder().addressResolverGroupFactory(new Guard(policy, resolvers));
  }

  /**
   * Returns the policy that guards {@code factory}.
   *
   * @throws IllegalArgumentException when the factory was not built by this class
   */
  static AddressPolicy policyOf(ClientFactory factory) {
    if (factory.options().addressResolverGroupFactory() instanceof Guard guard) {
      return guard.policy();
    }
    throw new IllegalArgumentException(
        "clientFactory: its address resolution is not guarded (expected: built with"
            + " WebhookClientFactory.builder(policy))");
  }

  private static AddressResolverGroup<InetSocketAddress> dns(EventLoopGroup eventLoops) {
    return new DnsAddressResolverGroup(
        new DnsNameResolverBuilder()
            .datagramChannelType(TransportType.datagramChannelType(eventLoops))
            .socketChannelType(TransportType.socketChannelType(eventLoops)));
  }

  /** The resolver factory that wraps every resolver group in the policy's check. */
  private record Guard(
      AddressPolicy policy,
      Function<? super EventLoopGroup, ? extends AddressResolverGroup<? extends InetSocketAddress>>
          resolvers)
      implements Function<EventLoopGroup, AddressResolverGroup<InetSocketAddress>> {

    Guard {
      requireNonNull(policy, "policy");
      requireNonNull(resolvers, "resolvers");
    }

    @Override
    public AddressResolverGroup<InetSocketAddress> apply(EventLoopGroup eventLoops) {
      return new GuardedAddressResolverGroup(policy, resolvers.apply(eventLoops));
    }
  }
}
