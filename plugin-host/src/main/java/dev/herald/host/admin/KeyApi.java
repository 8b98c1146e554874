package dev.herald.host.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.admin.KeyRotation;
import dev.herald.proto.admin.v1.KeyServiceGrpc;
import dev.herald.proto.admin.v1.RotateKeyRequest;
import dev.herald.proto.admin.v1.RotateKeyResponse;
import io.grpc.stub.StreamObserver;

/** Rotation of the key that seals webhook secrets at rest; the key itself is never returned. */
final class KeyApi extends KeyServiceGrpc.KeyServiceImplBase {

  private final KeyRotation keys;

  KeyApi(KeyRotation keys) {
    this.keys = requireNonNull(keys, "keys");
  }

  @Override
  public void rotateKey(RotateKeyRequest req, StreamObserver<RotateKeyResponse> out) {
    // Every realm's secrets are re-encrypted, so the token must cover them all.
    Caller.current().requireAllRealms("rotate the key of webhook secrets");
    KeyRotation.Result result = keys.rotate();
    WebhookApi.reply(
        out,
        RotateKeyResponse.newBuilder()
            .setKeyId(result.keyId())
            .setResealedEndpoints(result.resealed())
            .build());
  }
}
