package dev.herald.host.admin;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.grpc.GrpcExceptionHandlerFunction;
import com.linecorp.armeria.common.grpc.GrpcJsonMarshaller;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.docs.DocService;
import com.linecorp.armeria.server.grpc.GrpcService;
import com.linecorp.armeria.server.grpc.UnframedGrpcErrorHandler;
import com.linecorp.armeria.server.healthcheck.HealthCheckService;
import dev.herald.host.config.ApiConfig;
import io.grpc.BindableService;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The API server: every admin and ingest service over gRPC and, transcoded from the same proto,
 * REST under {@code /api/v1}; DocService at {@code /docs}; the web console at {@code /console/};
 * {@code /health}, {@code /ready} and {@code /metrics}; the streamed export at {@code GET
 * /api/v1/events:export}; inbound webhooks at {@code POST /in/{source}}.
 */
public final class ApiServer implements AutoCloseable {

  private final Server server;

  private ApiServer(Server server) {
    this.server = server;
  }

  /** Starts listening on the configured address and port. */
  public static ApiServer start(ApiConfig config, ApiServices services) {
    requireNonNull(config, "config");
    ServerBuilder sb =
        Server.builder().http(new InetSocketAddress(config.address(), config.port()));
    configureServices(sb, services, new TokenAuthenticator(config.tokens(), services.apiKeys()));
    Server server = sb.build();
    server.start().join();
    return new ApiServer(server);
  }

  /** Adds every route to {@code sb}; the one place the API's shape is decided. */
  static void configureServices(
      ServerBuilder sb, ApiServices services, TokenAuthenticator authenticator) {
    List<BindableService> grpc = services.grpcServices();
    GrpcExceptionHandlerFunction errors =
        new AdminErrorMapping().orElse(new UnexpectedErrors(GrpcExceptionHandlerFunction.of()));
    sb.service(
        GrpcService.builder()
            .addServices(grpc)
            .enableHttpJsonTranscoding(true)
            // REST bodies use the proto's snake_case names, like webhook bodies, and show
            // false, 0 and empty values rather than leaving them out. Typed payloads inside an
            // envelope's Any render as JSON too.
            .jsonMarshallerFactory(
                service ->
                    GrpcJsonMarshaller.builder()
                        .jsonMarshallerCustomizer(
                            json -> {
                              json.preservingProtoFieldNames(true)
                                  .includingDefaultValueFields(true);
                              services
                                  .payloadTypes()
                                  .all()
                                  .forEach(type -> json.register(type.prototype()));
                            })
                        .build(service))
            .httpJsonTranscodingErrorHandler(UnframedGrpcErrorHandler.ofJson())
            // Every method reads or writes the database: keep it off the event loop.
            .useBlockingTaskExecutor(true)
            // The last interceptor runs first: the authenticator names the caller the trail
            // records.
            .intercept(services.auditTrail(errors), authenticator)
            .exceptionHandler(errors)
            .build());
    // Inbound webhooks authenticate by their signature, not by an API token.
    sb.service(InboundHttpService.PATH, services.inbound());
    // CloudEvents arrive in modes gRPC transcoding cannot read (ce-* headers, a raw data body).
    sb.service(CloudEventsIngestService.PATH, services.cloudEvents(authenticator));
    sb.service(ExportHttpService.PATH, services.export(authenticator));
    sb.serviceUnder("/docs", DocService.builder().build());
    ConsoleFiles.addTo(sb);
    sb.service("/health", HealthCheckService.of());
    sb.service("/ready", services.readiness());
    sb.service("/metrics", services.metrics(authenticator));
  }

  /** Returns the port it listens on (the one picked when configured with 0). */
  public int port() {
    return server.activeLocalPort();
  }

  /** Stops listening and finishes the calls under way. */
  @Override
  public void close() {
    server.stop().join();
  }
}
