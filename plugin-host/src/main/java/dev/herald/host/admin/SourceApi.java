package dev.herald.host.admin;

import static dev.herald.host.admin.WebhookApi.reply;
import static java.util.Objects.requireNonNull;

import dev.herald.core.admin.InboundSources;
import dev.herald.core.inbound.InboundSource;
import dev.herald.core.inbound.SourceDraft;
import dev.herald.core.inbound.SourceStatus;
import dev.herald.proto.admin.v1.CreateSourceRequest;
import dev.herald.proto.admin.v1.CreateSourceResponse;
import dev.herald.proto.admin.v1.DeleteSourceRequest;
import dev.herald.proto.admin.v1.GetSourceRequest;
import dev.herald.proto.admin.v1.ListSourcesRequest;
import dev.herald.proto.admin.v1.ListSourcesResponse;
import dev.herald.proto.admin.v1.Source;
import dev.herald.proto.admin.v1.SourceServiceGrpc;
import dev.herald.proto.admin.v1.UpdateSourceRequest;
import io.grpc.stub.StreamObserver;
import java.util.Optional;

/**
 * The inbound source admin service: create, read, list, change and delete the senders of inbound
 * webhooks, within the realms the caller's token covers.
 */
final class SourceApi extends SourceServiceGrpc.SourceServiceImplBase {

  private final InboundSources sources;

  SourceApi(InboundSources sources) {
    this.sources = requireNonNull(sources, "sources");
  }

  @Override
  public void createSource(CreateSourceRequest req, StreamObserver<CreateSourceResponse> out) {
    Caller.current().requireRealm(req.getRealmId());
    SourceDraft.Built created =
        sources.create(
            new SourceDraft(
                req.getId(),
                req.getRealmId(),
                req.getVerifier(),
                given(req.getHeader()),
                given(req.getAlgorithm()),
                given(req.getEncoding()),
                req.hasPrefix() ? Optional.of(req.getPrefix()) : Optional.empty(),
                req.hasTolerance()
                    ? Optional.of(ProtoTime.duration(req.getTolerance()))
                    : Optional.empty(),
                given(req.getSecret()),
                given(req.getEventType()),
                req.hasDeliveryId() ? Optional.of(req.getDeliveryId()) : Optional.empty(),
                req.getPaused() ? SourceStatus.PAUSED : SourceStatus.ACTIVE));
    reply(
        out,
        CreateSourceResponse.newBuilder()
            .setSource(SourceMessages.render(created.source()))
            .setSecret(created.generatedSecret().orElse(""))
            .build());
  }

  @Override
  public void getSource(GetSourceRequest req, StreamObserver<Source> out) {
    reply(out, SourceMessages.render(visible(req.getId())));
  }

  @Override
  public void listSources(ListSourcesRequest req, StreamObserver<ListSourcesResponse> out) {
    ListSourcesResponse.Builder response = ListSourcesResponse.newBuilder();
    sources
        .list(Caller.current().scope(req.getRealmId(), req.getAllRealms()))
        .forEach(s -> response.addSources(SourceMessages.render(s)));
    reply(out, response.build());
  }

  @Override
  public void updateSource(UpdateSourceRequest req, StreamObserver<Source> out) {
    visible(req.getId());
    InboundSource changed =
        sources.update(
            req.getId(),
            d ->
                new SourceDraft(
                    d.id(),
                    d.realmId(),
                    d.verifier(),
                    req.hasHeader() ? given(req.getHeader()) : d.header(),
                    req.hasAlgorithm() ? given(req.getAlgorithm()) : d.algorithm(),
                    req.hasEncoding() ? given(req.getEncoding()) : d.encoding(),
                    req.hasPrefix() ? Optional.of(req.getPrefix()) : d.prefix(),
                    req.hasTolerance()
                        ? Optional.of(ProtoTime.duration(req.getTolerance()))
                        : d.tolerance(),
                    req.hasSecret() ? Optional.of(req.getSecret()) : d.secret(),
                    req.hasEventType() ? given(req.getEventType()) : d.eventType(),
                    req.hasDeliveryId() ? Optional.of(req.getDeliveryId()) : d.deliveryId(),
                    status(req, d.status())));
    reply(out, SourceMessages.render(changed));
  }

  private static SourceStatus status(UpdateSourceRequest req, SourceStatus current) {
    if (!req.hasPaused()) {
      return current;
    }
    return req.getPaused() ? SourceStatus.PAUSED : SourceStatus.ACTIVE;
  }

  @Override
  public void deleteSource(DeleteSourceRequest req, StreamObserver<Source> out) {
    visible(req.getId());
    reply(out, SourceMessages.render(sources.delete(req.getId())));
  }

  /** Returns the source when the caller's token covers its realm. */
  private InboundSource visible(String id) {
    InboundSource source = sources.get(id);
    Caller.current().requireRealm(source.realmId());
    return source;
  }

  private static Optional<String> given(String text) {
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }
}
