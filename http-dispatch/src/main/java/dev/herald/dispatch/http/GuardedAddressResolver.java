package dev.herald.dispatch.http;

import static java.util.Objects.requireNonNull;

import dev.herald.core.net.AddressDenial;
import dev.herald.core.net.AddressPolicy;
import dev.herald.core.net.IpLiteral;
import io.netty.resolver.AddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.UnsupportedAddressTypeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a webhook host with a delegate resolver, then checks every address it resolved to: if
 * any is denied the resolution fails with {@link BlockedAddressException}, otherwise the connection
 * goes to the checked address itself, so nothing is looked up twice (no DNS rebinding between check
 * and connect). Literal addresses, in any spelling, and addresses that arrive already resolved are
 * checked the same way.
 */
final class GuardedAddressResolver implements AddressResolver<InetSocketAddress> {

  private final EventExecutor executor;
  private final AddressPolicy policy;
  private final AddressResolver<? extends InetSocketAddress> delegate;

  GuardedAddressResolver(
      EventExecutor executor,
      AddressPolicy policy,
      AddressResolver<? extends InetSocketAddress> delegate) {
    this.executor = requireNonNull(executor, "executor");
    this.policy = requireNonNull(policy, "policy");
    this.delegate = requireNonNull(delegate, "delegate");
  }

  @Override
  public boolean isSupported(SocketAddress address) {
    return address instanceof InetSocketAddress;
  }

  @Override
  public boolean isResolved(SocketAddress address) {
    // Never "already resolved": a caller that skips resolve() for resolved addresses would skip
    // the check too.
    return false;
  }

  @Override
  public Future<InetSocketAddress> resolve(SocketAddress address) {
    return resolve(address, executor.newPromise());
  }

  @Override
  public Future<InetSocketAddress> resolve(
      SocketAddress address, Promise<InetSocketAddress> promise) {
    Promise<List<InetSocketAddress>> all = executor.newPromise();
    all.addListener(
        done -> {
          if (done.isSuccess()) {
            promise.trySuccess(all.getNow().get(0));
          } else {
            promise.tryFailure(done.cause());
          }
        });
    resolveAll(address, all);
    return promise;
  }

  @Override
  public Future<List<InetSocketAddress>> resolveAll(SocketAddress address) {
    return resolveAll(address, executor.newPromise());
  }

  @Override
  public Future<List<InetSocketAddress>> resolveAll(
      SocketAddress address, Promise<List<InetSocketAddress>> promise) {
    if (!(address instanceof InetSocketAddress socket)) {
      promise.tryFailure(new UnsupportedAddressTypeException());
      return promise;
    }
    String host = socket.getHostString();
    if (!socket.isUnresolved()) {
      return complete(host, List.of(socket), promise);
    }
    Optional<InetAddress> literal = IpLiteral.parse(host);
    if (literal.isPresent()) {
      Optional<AddressDenial> denial = policy.checkLiteral(host);
      if (denial.isPresent()) {
        promise.tryFailure(new BlockedAddressException(denial.get()));
        return promise;
      }
      return complete(
          host, List.of(new InetSocketAddress(literal.get(), socket.getPort())), promise);
    }
    delegate
        .resolveAll(socket)
        .addListener(
            done -> {
              if (done.isSuccess()) {
                @SuppressWarnings("unchecked")
                List<? extends InetSocketAddress> resolved =
                    (List<? extends InetSocketAddress>) done.getNow();
                complete(host, resolved, promise);
              } else {
                promise.tryFailure(done.cause());
              }
            });
    return promise;
  }

  private Future<List<InetSocketAddress>> complete(
      String host,
      List<? extends InetSocketAddress> resolved,
      Promise<List<InetSocketAddress>> promise) {
    if (resolved.isEmpty()) {
      promise.tryFailure(new java.net.UnknownHostException(host + ": no address"));
      return promise;
    }
    List<InetSocketAddress> checked = new ArrayList<>(resolved.size());
    for (InetSocketAddress candidate : resolved) {
      // One denied address refuses the host: a name that points inside is not a public target.
      Optional<AddressDenial> denial = policy.check(host, candidate.getAddress());
      if (denial.isPresent()) {
        promise.tryFailure(new BlockedAddressException(denial.get()));
        return promise;
      }
      checked.add(candidate);
    }
    promise.trySuccess(List.copyOf(checked));
    return promise;
  }

  @Override
  public void close() {
    delegate.close();
  }
}
