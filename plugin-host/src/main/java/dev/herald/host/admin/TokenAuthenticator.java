package dev.herald.host.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.admin.Realms;
import dev.herald.core.apikey.ApiKey;
import dev.herald.core.apikey.ApiKeys;
import dev.herald.core.apikey.KeyCheck;
import dev.herald.core.apikey.KeyText;
import dev.herald.host.config.ApiToken;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates every call by its {@code authorization: Bearer <token>} header. The config file's
 * tokens come first: the token's SHA-256 is compared (in constant time) with each configured hash.
 * Otherwise a text that looks like an API key ({@code hk_…}) is looked up by its hash in the
 * database on every call, so a revoked or expired key is refused at once on every node. No, an
 * unknown, a revoked or an expired token is UNAUTHENTICATED (REST 401), saying which; a role that
 * may not call the method (see {@link MethodAccess}) is PERMISSION_DENIED (REST 403).
 */
final class TokenAuthenticator implements ServerInterceptor {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final String BEARER = "bearer ";

  /** Why a call without a known token is refused (UNAUTHENTICATED, REST 401). */
  static final String UNKNOWN_TOKEN =
      "missing or unknown token (expected: authorization: Bearer <token>)";

  private final List<ApiToken> tokens;
  private final ApiKeys keys;

  TokenAuthenticator(List<ApiToken> tokens, ApiKeys keys) {
    this.tokens = List.copyOf(requireNonNull(tokens, "tokens"));
    this.keys = requireNonNull(keys, "keys");
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    Authentication found = identify(headers.get(AUTHORIZATION));
    if (found instanceof Authentication.Refused refused) {
      return refuse(call, Status.UNAUTHENTICATED.withDescription(refused.reason()));
    }
    Caller caller = found.caller().orElseThrow();
    Optional<String> denied = MethodAccess.refusal(caller, call.getMethodDescriptor());
    if (denied.isPresent()) {
      return refuse(call, Status.PERMISSION_DENIED.withDescription(denied.get()));
    }
    return Contexts.interceptCall(
        Context.current().withValue(Caller.KEY, caller), call, headers, next);
  }

  /**
   * Returns who calls with this {@code authorization} header value, if it carries a usable token or
   * key: for services outside gRPC (plain HTTP), which then check the caller's role and realms
   * themselves. An API key is read from the database: call this off the event loop.
   */
  Optional<Caller> caller(String authorization) {
    return identify(authorization).caller();
  }

  /**
   * Returns who calls with this {@code authorization} header value, or why it is refused: for
   * services outside gRPC that answer 401 with the reason.
   */
  Authentication identify(String authorization) {
    if (authorization == null
        || authorization.length() <= BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return new Authentication.Refused(UNKNOWN_TOKEN);
    }
    String text = authorization.substring(BEARER.length()).strip();
    Optional<ApiToken> token = configured(text);
    if (token.isPresent()) {
      ApiToken t = token.get();
      return new Authentication.Known(
          new Caller(t.name(), t.role(), t.realms().map(Realms::of).orElse(Realms.all())));
    }
    if (!text.startsWith(KeyText.PREFIX)) {
      // Not shaped like a key: spare the database a look-up that cannot succeed.
      return new Authentication.Refused(UNKNOWN_TOKEN);
    }
    return switch (keys.check(text)) {
      case KeyCheck.Valid valid -> new Authentication.Known(caller(valid.key()));
      case KeyCheck.Unknown unknown -> new Authentication.Refused(UNKNOWN_TOKEN);
      case KeyCheck.Revoked revoked ->
          new Authentication.Refused(
              describe(revoked.key())
                  + " was revoked at "
                  + revoked.at()
                  + " (expected: a key in use)");
      case KeyCheck.Expired expired ->
          new Authentication.Refused(
              describe(expired.key())
                  + " expired at "
                  + expired.at()
                  + " (expected: a key in use)");
    };
  }

  /** Returns the caller a key makes, named {@code api-key:<id>} in audit entries and errors. */
  static Caller caller(ApiKey key) {
    return new Caller(name(key), role(key.role()), key.realms());
  }

  /** Returns the name calls made with a key go by. */
  static String name(ApiKey key) {
    return "api-key:" + key.id();
  }

  private static String describe(ApiKey key) {
    // ASCII only: a status description travels in a header, where anything else is escaped.
    return "api key " + key.id() + " (" + key.prefix() + "...)";
  }

  /** Returns the config-file role a key's role grants the same rights as. */
  static ApiToken.Role role(dev.herald.core.apikey.KeyRole role) {
    return switch (role) {
      case ADMIN -> ApiToken.Role.ADMIN;
      case READER -> ApiToken.Role.READER;
      case PUBLISHER -> ApiToken.Role.PUBLISHER;
    };
  }

  private Optional<ApiToken> configured(String text) {
    byte[] hash = KeyText.sha256(text);
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
}
