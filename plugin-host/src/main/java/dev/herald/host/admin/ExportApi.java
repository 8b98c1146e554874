package dev.herald.host.admin;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import com.google.protobuf.TypeRegistry;
import dev.herald.core.admin.EventExport;
import dev.herald.core.admin.EventFilter;
import dev.herald.host.export.ExportFormat;
import dev.herald.host.export.ExportStream;
import dev.herald.proto.admin.v1.ExportChunk;
import dev.herald.proto.admin.v1.ExportEventsRequest;
import dev.herald.proto.admin.v1.ExportServiceGrpc;
import dev.herald.proto.admin.v1.ListEventsRequest;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ExportService/ExportEvents: the export of {@code GET /api/v1/events:export} as a server stream, a
 * chunk per page of events, read only when the client's flow control says it is ready for more.
 */
final class ExportApi extends ExportServiceGrpc.ExportServiceImplBase {

  private static final Logger log = LoggerFactory.getLogger(ExportApi.class);

  private final EventExport export;
  private final TypeRegistry payloadTypes;

  ExportApi(EventExport export, TypeRegistry payloadTypes) {
    this.export = requireNonNull(export, "export");
    this.payloadTypes = requireNonNull(payloadTypes, "payloadTypes");
  }

  @Override
  public void exportEvents(ExportEventsRequest req, StreamObserver<ExportChunk> out) {
    Caller caller = Caller.current();
    caller.requireReading();
    ListEventsRequest filters = req.getFilters();
    EventFilter filter =
        EventFilters.of(filters, () -> caller.scope(filters.getRealmId(), filters.getAllRealms()));
    ExportFormat format =
        req.getFormat() == dev.herald.proto.admin.v1.ExportFormat.EXPORT_FORMAT_CSV
            ? ExportFormat.CSV
            : ExportFormat.JSONL;
    ExportStream stream =
        ExportStream.of(export, filter, format, payloadTypes, req.getDeliveries());
    new Pump(stream, (ServerCallStreamObserver<ExportChunk>) out).start();
  }

  /** Sends chunks while the call is ready; gRPC runs its handlers one at a time. */
  private static final class Pump {
    private final ExportStream stream;
    private final ServerCallStreamObserver<ExportChunk> call;
    private volatile boolean finished;

    Pump(ExportStream stream, ServerCallStreamObserver<ExportChunk> call) {
      this.stream = stream;
      this.call = call;
    }

    void start() {
      call.setOnCancelHandler(() -> finished = true);
      call.setOnReadyHandler(this::send);
      // The first chunk goes now, if the call is ready; the handler sends the rest as it drains.
      send();
    }

    private void send() {
      while (!finished && call.isReady()) {
        Optional<String> chunk;
        try {
          chunk = stream.next();
        } catch (RuntimeException e) {
          log.error("Export failed part way", e);
          finished = true;
          call.onError(
              Status.INTERNAL
                  .withDescription("export failed part way: " + e.getMessage())
                  .asRuntimeException());
          return;
        }
        if (chunk.isEmpty()) {
          finished = true;
          call.onCompleted();
          return;
        }
        call.onNext(
            ExportChunk.newBuilder()
                .setData(ByteString.copyFrom(chunk.get(), StandardCharsets.UTF_8))
                .build());
      }
    }
  }
}
