package dev.herald.host.admin;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import dev.herald.core.admin.AdminException;
import dev.herald.core.admin.Page;
import dev.herald.core.admin.PageRequest;
import dev.herald.core.audit.AuditEntry;
import dev.herald.core.audit.AuditFilter;
import dev.herald.core.audit.AuditLog;
import dev.herald.core.audit.StoredAuditEntry;
import dev.herald.core.envelope.FieldViolation;
import dev.herald.proto.admin.v1.AuditServiceGrpc;
import dev.herald.proto.admin.v1.ListAuditEntriesRequest;
import dev.herald.proto.admin.v1.ListAuditEntriesResponse;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Lists the audit log; a token of some realms sees only entries of those realms. */
final class AuditApi extends AuditServiceGrpc.AuditServiceImplBase {

  private final AuditLog audit;

  AuditApi(AuditLog audit) {
    this.audit = requireNonNull(audit, "audit");
  }

  @Override
  public void listAuditEntries(
      ListAuditEntriesRequest req, StreamObserver<ListAuditEntriesResponse> out) {
    Caller caller = Caller.current();
    List<FieldViolation> found = new ArrayList<>();
    Optional<Instant> from =
        req.hasFromTime() ? Optional.of(ProtoTime.instant(req.getFromTime())) : Optional.empty();
    Optional<Instant> to =
        req.hasToTime() ? Optional.of(ProtoTime.instant(req.getToTime())) : Optional.empty();
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      found.add(
          new FieldViolation(
              "to_time", to.get() + " (expected: after from_time " + from.get() + ")"));
    }
    Optional<Boolean> succeeded =
        switch (req.getOutcome()) {
          case "" -> Optional.empty();
          case "ok" -> Optional.of(true);
          case "failed" -> Optional.of(false);
          default -> {
            found.add(
                new FieldViolation(
                    "outcome", "'" + req.getOutcome() + "' (expected: ok, failed or empty)"));
            yield Optional.empty();
          }
        };
    if (!found.isEmpty()) {
      throw AdminException.invalid(found);
    }
    if (req.hasRealmId()) {
      caller.requireRealm(req.getRealmId());
    }
    PageRequest page = PageRequest.of(req.getPageSize(), req.getPageToken());
    Page<StoredAuditEntry> entries =
        audit.list(
            new AuditFilter(
                from,
                to,
                nonEmpty(req.getTokenName()),
                nonEmpty(req.getAction()),
                req.hasRealmId() ? Optional.of(req.getRealmId()) : Optional.empty(),
                nonEmpty(req.getTarget()),
                succeeded,
                caller.realms()),
            page);
    ListAuditEntriesResponse.Builder response =
        ListAuditEntriesResponse.newBuilder().setNextPageToken(entries.nextPageToken());
    entries.items().forEach(stored -> response.addEntries(message(stored)));
    WebhookApi.reply(out, response.build());
  }

  private static Optional<String> nonEmpty(String value) {
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  private static dev.herald.proto.admin.v1.AuditEntry message(StoredAuditEntry stored) {
    AuditEntry entry = stored.entry();
    dev.herald.proto.admin.v1.AuditEntry.Builder message =
        dev.herald.proto.admin.v1.AuditEntry.newBuilder()
            .setId(stored.id())
            .setAt(ProtoTime.timestamp(entry.at()))
            .setTokenName(entry.tokenName())
            .setAction(entry.action())
            .setTarget(entry.target().orElse(""))
            .setOutcome(entry.outcome())
            .setMessage(entry.message().orElse(""))
            .setDetails(details(entry.details()));
    entry.realm().ifPresent(message::setRealmId);
    return message.build();
  }

  private static Struct details(String json) {
    Struct.Builder details = Struct.newBuilder();
    try {
      JsonFormat.parser().merge(json, details);
    } catch (InvalidProtocolBufferException e) {
      // Written by AuditRedaction, always an object; show nothing rather than fail the list.
      return Struct.getDefaultInstance();
    }
    return details.build();
  }
}
