package dev.herald.host.admin;

import dev.herald.core.apikey.ApiKey;

/** Renders API keys as the API's messages: never the text, never the hash. */
final class ApiKeyMessages {

  private ApiKeyMessages() {}

  static dev.herald.proto.admin.v1.ApiKey render(ApiKey key) {
    dev.herald.proto.admin.v1.ApiKey.Builder message =
        dev.herald.proto.admin.v1.ApiKey.newBuilder()
            .setId(key.id())
            .setDescription(key.description())
            .setRole(key.role().wireName())
            .setAllRealms(key.realms().isAll())
            .setCreatedAt(ProtoTime.timestamp(key.createdAt()))
            .setCreatedBy(key.createdBy())
            .setUsageCount(key.usageCount())
            .setPrefix(key.prefix());
    key.realms().only().ifPresent(realms -> realms.stream().sorted().forEach(message::addRealmIds));
    key.expiresAt().map(ProtoTime::timestamp).ifPresent(message::setExpiresAt);
    key.revokedAt().map(ProtoTime::timestamp).ifPresent(message::setRevokedAt);
    key.lastUsedAt().map(ProtoTime::timestamp).ifPresent(message::setLastUsedAt);
    return message.build();
  }
}
