package dev.herald.host.admin;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.herald.core.store.Database;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * {@code /ready}: 200 when the database answers a query and the router runs, else 503; the body
 * says which. The query runs on the blocking task executor, never on the event loop.
 */
final class ReadinessService implements HttpService {

  private final Database database;
  private final BooleanSupplier routerRunning;

  ReadinessService(Database database, BooleanSupplier routerRunning) {
    this.database = requireNonNull(database, "database");
    this.routerRunning = requireNonNull(routerRunning, "routerRunning");
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    return HttpResponse.of(CompletableFuture.supplyAsync(this::check, ctx.blockingTaskExecutor()));
  }

  private HttpResponse check() {
    boolean databaseUp;
    try {
      databaseUp = database.read(ctx -> ctx.selectOne().fetchOne(0, Integer.class)) == 1;
    } catch (RuntimeException e) {
      databaseUp = false;
    }
    boolean router = routerRunning.getAsBoolean();
    boolean ready = databaseUp && router;
    return HttpResponse.of(
        ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE,
        MediaType.JSON_UTF_8,
        "{\"ready\":%s,\"database\":\"%s\",\"router\":\"%s\"}",
        ready,
        databaseUp ? "reachable" : "unreachable",
        router ? "running" : "stopped");
  }
}
