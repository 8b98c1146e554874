package dev.herald.host.admin;

import static dev.herald.host.admin.WebhookApi.reply;
import static java.util.Objects.requireNonNull;

import dev.herald.core.admin.AdminException;
import dev.herald.core.admin.Page;
import dev.herald.core.admin.PageRequest;
import dev.herald.core.admin.Realms;
import dev.herald.core.apikey.ApiKey;
import dev.herald.core.apikey.ApiKeys;
import dev.herald.core.apikey.CreatedApiKey;
import dev.herald.core.apikey.KeyRole;
import dev.herald.core.apikey.NewApiKey;
import dev.herald.host.config.ApiToken;
import dev.herald.proto.admin.v1.ApiKeyServiceGrpc;
import dev.herald.proto.admin.v1.CreateApiKeyRequest;
import dev.herald.proto.admin.v1.CreateApiKeyResponse;
import dev.herald.proto.admin.v1.GetApiKeyRequest;
import dev.herald.proto.admin.v1.ListApiKeysRequest;
import dev.herald.proto.admin.v1.ListApiKeysResponse;
import dev.herald.proto.admin.v1.RevokeApiKeyRequest;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.Optional;
import java.util.Set;

/**
 * The API key admin service: create, list, read and revoke keys, within the realms the caller's
 * token covers. A key is never made with more realms, or a higher role, than its creator's token.
 */
final class ApiKeyApi extends ApiKeyServiceGrpc.ApiKeyServiceImplBase {

  private final ApiKeys keys;

  ApiKeyApi(ApiKeys keys) {
    this.keys = requireNonNull(keys, "keys");
  }

  @Override
  public void createApiKey(CreateApiKeyRequest req, StreamObserver<CreateApiKeyResponse> out) {
    Caller caller = Caller.current();
    KeyRole role =
        KeyRole.parse(req.getRole())
            .orElseThrow(
                () ->
                    AdminException.invalid(
                        "role", "'" + req.getRole() + "' (expected: admin, reader or publisher)"));
    Realms realms = realms(req);
    caller.requireCovering(realms, "create a key for every realm");
    requireRoleAtMost(caller, role);
    CreatedApiKey created =
        keys.create(
            new NewApiKey(
                req.getDescription(),
                role,
                realms,
                req.hasExpiresAt()
                    ? Optional.of(ProtoTime.instant(req.getExpiresAt()))
                    : Optional.empty(),
                caller.name()));
    reply(
        out,
        CreateApiKeyResponse.newBuilder()
            .setApiKey(ApiKeyMessages.render(created.key()))
            .setKey(created.text())
            .build());
  }

  private static Realms realms(CreateApiKeyRequest req) {
    if (req.getAllRealms()) {
      if (req.getRealmIdsCount() > 0) {
        throw AdminException.invalid(
            "realm_ids", req.getRealmIdsList() + " (expected: none when all_realms is set)");
      }
      return Realms.all();
    }
    if (req.getRealmIdsCount() == 0) {
      throw AdminException.invalid(
          "realm_ids", "[] (expected: at least one realm, or all_realms: true)");
    }
    return Realms.of(Set.copyOf(req.getRealmIdsList()));
  }

  /** Refuses a key whose role grants what the caller's own role does not. */
  private static void requireRoleAtMost(Caller caller, KeyRole role) {
    ApiToken.Role asked = TokenAuthenticator.role(role);
    if (caller.role() != ApiToken.Role.ADMIN && caller.role() != asked) {
      throw Status.PERMISSION_DENIED
          .withDescription(
              "token '"
                  + caller.name()
                  + "' is a "
                  + caller.roleName()
                  + " token; it may not create a "
                  + role.wireName()
                  + " key")
          .asRuntimeException();
    }
  }

  @Override
  public void listApiKeys(ListApiKeysRequest req, StreamObserver<ListApiKeysResponse> out) {
    Caller caller = Caller.current();
    Page<ApiKey> page =
        keys.list(
            PageRequest.of(req.getPageSize(), req.getPageToken()),
            key -> caller.covers(key.realms()));
    ListApiKeysResponse.Builder response =
        ListApiKeysResponse.newBuilder().setNextPageToken(page.nextPageToken());
    page.items().forEach(key -> response.addApiKeys(ApiKeyMessages.render(key)));
    reply(out, response.build());
  }

  @Override
  public void getApiKey(
      GetApiKeyRequest req, StreamObserver<dev.herald.proto.admin.v1.ApiKey> out) {
    ApiKey key = keys.get(req.getId());
    Caller.current().requireCovering(key.realms(), "read api key " + key.id());
    reply(out, ApiKeyMessages.render(key));
  }

  @Override
  public void revokeApiKey(
      RevokeApiKeyRequest req, StreamObserver<dev.herald.proto.admin.v1.ApiKey> out) {
    ApiKey key = keys.get(req.getId());
    Caller.current().requireCovering(key.realms(), "revoke api key " + key.id());
    reply(out, ApiKeyMessages.render(keys.revoke(key.id())));
  }
}
