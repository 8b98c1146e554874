package dev.herald.host.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.admin.DeliveryQueries;
import dev.herald.core.admin.WebhookEndpoints;
import dev.herald.core.admin.WebhookTester;
import dev.herald.core.store.Database;
import io.grpc.BindableService;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** What the API serves, built from the running pipeline's parts. */
public final class ApiServices {

  private final List<BindableService> grpcServices;
  private final ReadinessService readiness;

  private ApiServices(List<BindableService> grpcServices, ReadinessService readiness) {
    this.grpcServices = List.copyOf(grpcServices);
    this.readiness = readiness;
  }

  /** Collects the parts the services are made of. */
  public static Builder builder(Database database, Clock clock) {
    return new Builder(database, clock);
  }

  List<BindableService> grpcServices() {
    return grpcServices;
  }

  ReadinessService readiness() {
    return readiness;
  }

  /** Collects the pipeline's parts; each is required. */
  public static final class Builder {
    private final Database database;
    private final Clock clock;
    private WebhookEndpoints webhooks;
    private WebhookTester tester;
    private Supplier<List<String>> reloadConfigured;
    private BooleanSupplier routerRunning;

    private Builder(Database database, Clock clock) {
      this.database = requireNonNull(database, "database");
      this.clock = requireNonNull(clock, "clock");
    }

    /** Sets the webhook commands, the tester and how the config file's endpoints are reloaded. */
    public Builder webhooks(
        WebhookEndpoints webhooks, WebhookTester tester, Supplier<List<String>> reloadConfigured) {
      this.webhooks = requireNonNull(webhooks, "webhooks");
      this.tester = requireNonNull(tester, "tester");
      this.reloadConfigured = requireNonNull(reloadConfigured, "reloadConfigured");
      return this;
    }

    /** Sets whether the router runs, for {@code /ready}. */
    public Builder routerRunning(BooleanSupplier routerRunning) {
      this.routerRunning = requireNonNull(routerRunning, "routerRunning");
      return this;
    }

    /** Builds the services. */
    public ApiServices build() {
      requireNonNull(webhooks, "webhooks");
      requireNonNull(routerRunning, "routerRunning");
      DeliveryQueries deliveries = new DeliveryQueries(database);
      return new ApiServices(
          List.of(new WebhookApi(webhooks, tester, deliveries, reloadConfigured, clock)),
          new ReadinessService(database, routerRunning));
    }
  }
}
