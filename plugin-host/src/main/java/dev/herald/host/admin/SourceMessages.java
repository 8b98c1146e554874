package dev.herald.host.admin;

import dev.herald.core.inbound.HmacAlgorithm;
import dev.herald.core.inbound.InboundSource;
import dev.herald.core.inbound.RequestTemplate;
import dev.herald.core.inbound.SignatureEncoding;
import dev.herald.core.inbound.SourceStatus;
import dev.herald.core.inbound.VerifierSettings;
import dev.herald.proto.admin.v1.Source;
import java.util.Locale;

/** Renders inbound sources as API messages, never with their secret. */
final class SourceMessages {

  private SourceMessages() {}

  static Source render(InboundSource source) {
    VerifierSettings verifier = source.verifier();
    Source.Builder message =
        Source.newBuilder()
            .setId(source.id())
            .setRealmId(source.realmId())
            .setVerifier(verifier.kind().wireName())
            .setHeader(verifier.header().orElse(""))
            .setAlgorithm(verifier.algorithm().map(HmacAlgorithm::wireName).orElse(""))
            .setEncoding(verifier.encoding().map(SignatureEncoding::wireName).orElse(""))
            .setEventType(source.eventType().text())
            .setDeliveryId(source.deliveryId().map(RequestTemplate::text).orElse(""))
            .setStatus(status(source.status()))
            .setOrigin(source.origin().name().toLowerCase(Locale.ROOT));
    verifier.prefix().ifPresent(message::setPrefix);
    verifier.tolerance().map(ProtoTime::duration).ifPresent(message::setTolerance);
    return message.build();
  }

  private static dev.herald.proto.admin.v1.SourceStatus status(SourceStatus status) {
    return switch (status) {
      case ACTIVE -> dev.herald.proto.admin.v1.SourceStatus.SOURCE_STATUS_ACTIVE;
      case PAUSED -> dev.herald.proto.admin.v1.SourceStatus.SOURCE_STATUS_PAUSED;
      case DISABLED -> dev.herald.proto.admin.v1.SourceStatus.SOURCE_STATUS_DISABLED;
    };
  }
}
