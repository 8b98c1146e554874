package dev.herald.dispatch.http;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

/** Resolves host names from a fixed table, like a hosts file, so tests need no real DNS. */
final class FixedAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {

  private final Map<String, List<InetAddress>> table;

  FixedAddressResolverGroup(Map<String, List<InetAddress>> table) {
    this.table = Map.copyOf(table);
  }

  @Override
  protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
    return new InetNameResolver(executor) {
      @Override
      protected void doResolve(String host, Promise<InetAddress> promise) {
        List<InetAddress> found = table.get(host);
        if (found == null) {
          promise.setFailure(new UnknownHostException(host + " (not in the test's table)"));
        } else {
          promise.setSuccess(found.get(0));
        }
      }

      @Override
      protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
        List<InetAddress> found = table.get(host);
        if (found == null) {
          promise.setFailure(new UnknownHostException(host + " (not in the test's table)"));
        } else {
          promise.setSuccess(found);
        }
      }
    }.asAddressResolver();
  }
}
