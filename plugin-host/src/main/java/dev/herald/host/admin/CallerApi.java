package dev.herald.host.admin;

import dev.herald.proto.admin.v1.CallerInfo;
import dev.herald.proto.admin.v1.CallerServiceGrpc;
import dev.herald.proto.admin.v1.GetCallerRequest;
import io.grpc.stub.StreamObserver;
import java.util.Locale;

/** Who the token is, so a client (the console) shows only what it may do. */
final class CallerApi extends CallerServiceGrpc.CallerServiceImplBase {

  @Override
  public void getCaller(GetCallerRequest req, StreamObserver<CallerInfo> out) {
    Caller caller = Caller.current();
    CallerInfo.Builder info =
        CallerInfo.newBuilder()
            .setTokenName(caller.name())
            .setRole(caller.role().name().toLowerCase(Locale.ROOT))
            .setAllRealms(caller.realms().isAll());
    caller
        .realms()
        .only()
        .ifPresent(realms -> info.addAllRealms(realms.stream().sorted().toList()));
    WebhookApi.reply(out, info.build());
  }
}
