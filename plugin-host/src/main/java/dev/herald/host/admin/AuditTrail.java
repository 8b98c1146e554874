package dev.herald.host.admin;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Message;
import com.linecorp.armeria.common.grpc.GrpcExceptionHandlerFunction;
import dev.herald.core.audit.AuditEntry;
import dev.herald.core.audit.AuditLog;
import dev.herald.proto.admin.v1.WebhookServiceGrpc;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every admin change in the audit log, the one place that does: the caller, the action, the
 * target and realm, the request without its secrets, and the final status, refusals included. It
 * runs after {@link TokenAuthenticator}, so calls without a valid admin token (answered 401 or 403
 * before any admin method runs, changing nothing) are not recorded. The entry is written before the
 * answer leaves, so a client that got its answer finds it in the log.
 */
final class AuditTrail implements ServerInterceptor {

  private static final Logger logger = LoggerFactory.getLogger(AuditTrail.class);

  private final AuditLog log;
  private final Clock clock;
  private final GrpcExceptionHandlerFunction errors;
  private final Function<String, Optional<String>> webhookRealm;

  /**
   * Creates the trail.
   *
   * @param errors how the server turns a thrown exception into a status, to record the status the
   *     caller gets
   * @param webhookRealm the realm of a webhook by id, empty when there is none
   */
  AuditTrail(
      AuditLog log,
      Clock clock,
      GrpcExceptionHandlerFunction errors,
      Function<String, Optional<String>> webhookRealm) {
    this.log = requireNonNull(log, "log");
    this.clock = requireNonNull(clock, "clock");
    this.errors = requireNonNull(errors, "errors");
    this.webhookRealm = requireNonNull(webhookRealm, "webhookRealm");
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    Optional<String> action = AuditedMethods.action(call.getMethodDescriptor());
    Caller caller = Caller.KEY.get();
    if (action.isEmpty() || caller == null) {
      return next.startCall(call, headers);
    }
    AuditedCall<ReqT, RespT> audited = new AuditedCall<>(call, caller, action.get());
    ServerCall.Listener<ReqT> listener = next.startCall(audited, headers);
    // A handler that throws is closed by the server itself, past this interceptor's call: catch
    // the exception on its way out to record the status it becomes.
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onMessage(ReqT message) {
        audited.request = message;
        if (message instanceof Message request
            && WebhookServiceGrpc.SERVICE_NAME.equals(
                call.getMethodDescriptor().getServiceName())) {
          // Read before the call: a deleted webhook's realm is gone after it.
          audited.realmBefore = realmBefore(request);
        }
        try {
          super.onMessage(message);
        } catch (RuntimeException e) {
          audited.threw(e);
          throw e;
        }
      }

      @Override
      public void onHalfClose() {
        try {
          super.onHalfClose();
        } catch (RuntimeException e) {
          audited.threw(e);
          throw e;
        }
      }
    };
  }

  private Optional<String> realmBefore(Message request) {
    try {
      return AuditSubject.webhookId(request).flatMap(webhookRealm);
    } catch (RuntimeException e) {
      // The audit never changes a call's outcome: the entry goes without a realm instead.
      logger.warn("Could not read the realm of the webhook an admin call is about", e);
      return Optional.empty();
    }
  }

  /** A call that records its entry once, when it closes or its handler throws. */
  private final class AuditedCall<ReqT, RespT>
      extends ForwardingServerCall.SimpleForwardingServerCall<ReqT, RespT> {

    private final Caller caller;
    private final String action;
    private final AtomicBoolean recorded = new AtomicBoolean();
    private volatile ReqT request;
    private volatile RespT response;
    private volatile Optional<String> realmBefore = Optional.empty();

    AuditedCall(ServerCall<ReqT, RespT> call, Caller caller, String action) {
      super(call);
      this.caller = caller;
      this.action = action;
    }

    @Override
    public void sendMessage(RespT message) {
      response = message;
      super.sendMessage(message);
    }

    @Override
    public void close(Status status, Metadata trailers) {
      record(status);
      super.close(status, trailers);
    }

    void threw(RuntimeException e) {
      Status status = null;
      try {
        // No request context: the mapping must not add response headers a second time.
        status = errors.apply(null, Status.fromThrowable(e), e, new Metadata());
      } catch (RuntimeException mappingFailed) {
        logger.warn("Could not map an admin call's exception to its status", mappingFailed);
      }
      record(status == null ? Status.fromThrowable(e) : status);
    }

    private void record(Status status) {
      if (!recorded.compareAndSet(false, true)) {
        return;
      }
      try {
        log.record(entry(status));
      } catch (RuntimeException e) {
        // The audit never changes a call's outcome; AuditLog logs its own write failures.
        logger.error("Could not record the audit entry of {} by '{}'", action, caller.name(), e);
      }
    }

    private AuditEntry entry(Status status) {
      Message req = request instanceof Message m ? m : null;
      Message resp = status.isOk() && response instanceof Message m ? m : null;
      AuditRedaction redaction = req == null ? AuditRedaction.ofJson("{}") : AuditRedaction.of(req);
      AuditSubject subject = AuditSubject.of(req, resp, realmBefore);
      Optional<String> message =
          status.isOk()
              ? Optional.empty()
              : Optional.of(
                  redaction.scrub(
                      status.getDescription() != null
                          ? status.getDescription()
                          : status.getCode().name()));
      return new AuditEntry(
          clock.instant(),
          caller.name(),
          subject.realm(),
          action,
          subject.target(),
          status.isOk() ? AuditEntry.OK : status.getCode().name(),
          message,
          redaction.details());
    }
  }
}
