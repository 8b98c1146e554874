package dev.herald.host.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.herald.core.admin.Backlog;
import dev.herald.core.admin.StuckTargets;
import dev.herald.core.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * {@code /ready}: 200 when the database answers a query, the router runs and no target is stuck
 * (due work untaken past {@code delivery.stuck_after}), else 503; the body says which and why. The
 * queries run on the blocking task executor, never on the event loop; the backlog is cached.
 */
final class ReadinessService implements HttpService {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Database database;
  private final BooleanSupplier routerRunning;
  private final Backlog backlog;
  private final StuckTargets stuck;
  private final Clock clock;

  ReadinessService(
      Database database,
      BooleanSupplier routerRunning,
      Backlog backlog,
      StuckTargets stuck,
      Clock clock) {
    this.database = requireNonNull(database, "database");
    this.routerRunning = requireNonNull(routerRunning, "routerRunning");
    this.backlog = requireNonNull(backlog, "backlog");
    this.stuck = requireNonNull(stuck, "stuck");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    return HttpResponse.of(CompletableFuture.supplyAsync(this::check, ctx.blockingTaskExecutor()));
  }

  private HttpResponse check() {
    boolean databaseUp;
    List<String> stuckTargets = List.of();
    try {
      databaseUp = database.read(ctx -> ctx.selectOne().fetchOne(0, Integer.class)) == 1;
      stuckTargets = stuck.stuck(backlog.current().targets(), clock.instant());
    } catch (RuntimeException e) {
      databaseUp = false;
    }
    boolean router = routerRunning.getAsBoolean();
    boolean ready = databaseUp && router && stuckTargets.isEmpty();
    ObjectNode body =
        JSON.createObjectNode()
            .put("ready", ready)
            .put("database", databaseUp ? "reachable" : "unreachable")
            .put("router", router ? "running" : "stopped");
    ArrayNode stuckList = body.putArray("stuck"); // empty when none is stuck
    stuckTargets.forEach(stuckList::add);
    if (!ready) {
      body.put("reason", reason(databaseUp, router, stuckTargets));
    }
    return HttpResponse.of(
        ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE,
        MediaType.JSON_UTF_8,
        body.toString());
  }

  private String reason(boolean databaseUp, boolean router, List<String> stuckTargets) {
    if (!databaseUp) {
      return "the database does not answer";
    }
    if (!router) {
      return "the router is stopped";
    }
    return "stuck: deliveries of "
        + String.join(", ", stuckTargets)
        + " have been due for more than "
        + stuck.after().toString().substring(2).toLowerCase(Locale.ROOT)
        + " (delivery.stuck_after)";
  }
}
