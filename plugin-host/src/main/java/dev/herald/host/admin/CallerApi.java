package dev.herald.host.admin;

import dev.herald.proto.admin.v1.CallerInfo;
import dev.herald.proto.admin.v1.CallerServiceGrpc;
import dev.herald.proto.admin.v1.GetCallerRequest;
import io.grpc.stub.StreamObserver;

/**
 * Who the caller is (the token's name, role and realms, never the token), so a client such as the
 * console shows only what the token may do.
 */
final class CallerApi extends CallerServiceGrpc.CallerServiceImplBase {

  @Override
  public void getCaller(GetCallerRequest req, StreamObserver<CallerInfo> out) {
    Caller caller = Caller.current();
    CallerInfo.Builder info =
        CallerInfo.newBuilder()
            .setTokenName(caller.name())
            .setRole(caller.roleName())
            .setAllRealms(caller.realms().isAll());
    caller.realms().only().ifPresent(realms -> realms.stream().sorted().forEach(info::addRealms));
    WebhookApi.reply(out, info.build());
  }
}
