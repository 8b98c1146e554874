package dev.herald.host.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.admin.Realms;
import dev.herald.host.config.ApiToken;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates every call by its {@code authorization: Bearer <token>} header: the token's SHA-256
 * is compared (in constant time) with each configured hash. No or an unknown token is
 * UNAUTHENTICATED (REST 401); a publisher token on the admin API is PERMISSION_DENIED (REST 403).
 */
final class TokenAuthenticator implements ServerInterceptor {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final String BEARER = "bearer ";
  private static final String ADMIN_PACKAGE = "herald.admin.";

  /** Why a call without a known token is refused (UNAUTHENTICATED, REST 401). */
  static final String UNKNOWN_TOKEN =
      "missing or unknown token (expected: authorization: Bearer <token>)";

  private final List<ApiToken> tokens;

  TokenAuthenticator(List<ApiToken> tokens) {
    this.tokens = List.copyOf(requireNonNull(tokens, "tokens"));
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    Optional<Caller> found = caller(headers.get(AUTHORIZATION));
    if (found.isEmpty()) {
      return refuse(call, Status.UNAUTHENTICATED.withDescription(UNKNOWN_TOKEN));
    }
    Caller caller = found.get();
    String service = call.getMethodDescriptor().getServiceName();
    if (service != null
        && service.startsWith(ADMIN_PACKAGE)
        && caller.role() != ApiToken.Role.ADMIN) {
      return refuse(
          call,
          Status.PERMISSION_DENIED.withDescription(
              "token '"
                  + caller.name()
                  + "' is a publisher token; the admin API needs an admin token"));
    }
    return Contexts.interceptCall(
        Context.current().withValue(Caller.KEY, caller), call, headers, next);
  }

  /**
   * Returns who calls with this {@code authorization} header value, if it carries a known token:
   * for services outside gRPC (plain HTTP), which then check the caller's role and realms
   * themselves.
   */
  Optional<Caller> caller(String authorization) {
    return authenticate(authorization)
        .map(
            token ->
                new Caller(
                    token.name(),
                    token.role(),
                    token.realms().map(Realms::of).orElse(Realms.all())));
  }

  /** Returns the token an {@code authorization} header value carries, if it is a known one. */
  Optional<ApiToken> authenticate(String authorization) {
    if (authorization == null
        || authorization.length() <= BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    byte[] hash = sha256(authorization.substring(BEARER.length()).strip());
    ApiToken match = null;
    for (ApiToken token : tokens) {
      // Compare with every token, so the time taken says nothing about which one matched.
      if (MessageDigest.isEqual(hash, token.sha256()) && match == null) {
        match = token;
      }
    }
    return Optional.ofNullable(match);
  }

  private static <ReqT, RespT> ServerCall.Listener<ReqT> refuse(
      ServerCall<ReqT, RespT> call, Status status) {
    call.close(status, new Metadata());
    return new ServerCall.Listener<>() {};
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
