package dev.herald.host.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.TypeRegistry;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpResponseWriter;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.AbstractHttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.herald.core.admin.AdminException;
import dev.herald.core.admin.EventExport;
import dev.herald.core.admin.EventFilter;
import dev.herald.core.envelope.FieldViolation;
import dev.herald.host.export.ExportStream;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/events:export}: the events ListEvents' filters select, oldest first, as JSON
 * lines or CSV, streamed a page at a time; the next page is read only once the client has taken the
 * previous one, so a slow client holds one page in memory, never the export. Needs an admin token
 * covering the realms asked for; a refusal gets the API's JSON error (401, 403, 400 naming the
 * parameter) before any event is written.
 */
final class ExportHttpService extends AbstractHttpService {

  /** The route it serves. */
  static final String PATH = "/api/v1/events:export";

  private static final Logger log = LoggerFactory.getLogger(ExportHttpService.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventExport export;
  private final TypeRegistry payloadTypes;
  private final TokenAuthenticator tokens;

  ExportHttpService(EventExport export, TypeRegistry payloadTypes, TokenAuthenticator tokens) {
    this.export = requireNonNull(export, "export");
    this.payloadTypes = requireNonNull(payloadTypes, "payloadTypes");
    this.tokens = requireNonNull(tokens, "tokens");
  }

  @Override
  protected HttpResponse doGet(ServiceRequestContext ctx, HttpRequest req) {
    // Off the event loop: checking an API key reads the database.
    return HttpResponse.of(
        CompletableFuture.supplyAsync(() -> export(ctx, req), ctx.blockingTaskExecutor()));
  }

  private HttpResponse export(ServiceRequestContext ctx, HttpRequest req) {
    ExportQuery query;
    EventFilter filter;
    try {
      Authentication found = tokens.identify(req.headers().get(HttpHeaderNames.AUTHORIZATION));
      if (found instanceof Authentication.Refused refused) {
        throw Status.UNAUTHENTICATED.withDescription(refused.reason()).asRuntimeException();
      }
      Caller caller = found.caller().orElseThrow();
      caller.requireReading();
      query = ExportQuery.of(QueryParams.fromQueryString(ctx.query()));
      filter =
          EventFilters.of(
              query.filters(),
              () -> caller.scope(query.filters().getRealmId(), query.filters().getAllRealms()));
    } catch (StatusRuntimeException e) {
      return error(e.getStatus(), null);
    } catch (AdminException e) {
      return error(Status.INVALID_ARGUMENT.withDescription(e.getMessage()), e);
    }
    // An export may run for minutes; the client's pace, not a timeout, sets its length.
    ctx.clearRequestTimeout();
    ExportStream stream =
        ExportStream.of(export, filter, query.format(), payloadTypes, query.deliveries());
    HttpResponseWriter response = HttpResponse.streaming();
    response.write(
        ResponseHeaders.builder(HttpStatus.OK)
            .contentType(MediaType.parse(query.format().mediaType()))
            .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
            .build());
    ctx.blockingTaskExecutor().execute(() -> writeNext(ctx, stream, response));
    return response;
  }

  /** Writes the next page, then waits for the client to take it before reading another. */
  private static void writeNext(
      ServiceRequestContext ctx, ExportStream stream, HttpResponseWriter response) {
    Optional<String> chunk;
    try {
      chunk = stream.next();
    } catch (RuntimeException e) {
      // The status line is gone: aborting the stream is how the client learns it is cut short.
      log.error("Export failed part way", e);
      response.close(e);
      return;
    }
    if (chunk.isEmpty()) {
      response.close();
      return;
    }
    if (!response.tryWrite(HttpData.ofUtf8(chunk.get()))) {
      return; // the client went away
    }
    response
        .whenConsumed()
        .thenRunAsync(() -> writeNext(ctx, stream, response), ctx.blockingTaskExecutor());
  }

  /** Returns the JSON error the transcoded REST API gives for {@code status}. */
  private static HttpResponse error(Status status, AdminException invalid) {
    ObjectNode body =
        JSON.createObjectNode()
            .put("code", status.getCode().value())
            .put("grpc-code", status.getCode().name())
            .put("message", status.getDescription());
    if (invalid != null && !invalid.violations().isEmpty()) {
      ObjectNode badRequest =
          body.putArray("details")
              .addObject()
              .put("@type", "type.googleapis.com/google.rpc.BadRequest");
      ArrayNode violations = badRequest.putArray("fieldViolations");
      for (FieldViolation v : invalid.violations()) {
        violations.addObject().put("field", v.field()).put("description", v.reason());
      }
    }
    return HttpResponse.of(
        ResponseHeaders.builder(GrpcCodes.httpStatus(status.getCode()))
            .contentType(MediaType.JSON_UTF_8)
            .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
            .build(),
        HttpData.ofUtf8(body.toString()));
  }
}
