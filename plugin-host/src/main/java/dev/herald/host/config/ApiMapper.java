package dev.herald.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.host.config.ApiToken.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps the {@code api} section: where the API listens, http exceptions, the tokens and whether
 * metrics need one.
 */
final class ApiMapper {

  private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final String ALL_REALMS = "*";
  private static final String API_KEY_NAMES = "api-key:";

  private final SecretResolver secrets;

  ApiMapper(SecretResolver secrets) {
    this.secrets = secrets;
  }

  /** Returns the API configuration; meaningful only when no problem was recorded. */
  ApiConfig map(YamlMapping yaml) {
    ApiConfig defaults = ApiConfig.ofDefaults();
    String address = yaml.get("address", Scalars.nonBlankText(), defaults.address());
    int port = yaml.get("port", ApiMapper::port, defaults.port());
    Set<String> httpHosts =
        new HashSet<>(yaml.list("allow_http_hosts", Scalars.nonBlankText()).orElse(List.of()));
    List<ApiToken> tokens = new ArrayList<>();
    Map<String, String> pathByName = new HashMap<>();
    for (YamlMapping token : yaml.mappings("tokens")) {
      token(token, pathByName).ifPresent(tokens::add);
    }
    boolean metricsRequireToken = metricsRequireToken(yaml.mapping("metrics"), defaults);
    yaml.rejectUnknownKeys();
    return new ApiConfig(address, port, httpHosts, tokens, metricsRequireToken);
  }

  private static boolean metricsRequireToken(YamlMapping yaml, ApiConfig defaults) {
    boolean required = yaml.get("require_token", Scalars.bool(), defaults.metricsRequireToken());
    yaml.rejectUnknownKeys();
    return required;
  }

  private Optional<ApiToken> token(YamlMapping yaml, Map<String, String> pathByName) {
    Optional<String> name = yaml.required("name", Scalars.nonBlankText());
    name.ifPresent(
        n -> {
          String first = pathByName.putIfAbsent(n, yaml.path());
          if (first != null) {
            yaml.problem("name", "'" + n + "' (expected: unique; already used by " + first + ")");
          }
          if (n.startsWith(API_KEY_NAMES)) {
            // Calls made with API keys go by api-key:<id> in the audit log.
            yaml.problem(
                "name", "'" + n + "' (expected: not beginning with " + API_KEY_NAMES + ")");
          }
        });
    Optional<Role> role = yaml.required("role", ApiMapper::role);
    Optional<byte[]> hash = hash(yaml);
    Optional<Set<String>> realms = realms(yaml);
    yaml.rejectUnknownKeys();
    if (name.isEmpty() || role.isEmpty() || hash.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ApiToken(name.get(), role.get(), hash.get(), realms));
  }

  private Optional<byte[]> hash(YamlMapping yaml) {
    return yaml.exactlyOneOf("sha256", "secret_ref")
        .flatMap(
            key ->
                key.equals("sha256")
                    ? yaml.optional(key, ApiMapper::sha256)
                    : yaml.optional(
                        key, node -> sha256Of(secrets.resolve(Scalars.text().read(node)))));
  }

  private static Optional<Set<String>> realms(YamlMapping yaml) {
    List<String> realms = yaml.list("realms", Scalars.text()).orElse(List.of(ALL_REALMS));
    if (realms.contains(ALL_REALMS)) {
      if (realms.size() > 1) {
        yaml.problem("realms", realms + " (expected: ['*'] alone, or a list of realms)");
      }
      return Optional.empty();
    }
    if (realms.isEmpty()) {
      yaml.problem("realms", "[] (expected: ['*'] for every realm, or at least one realm)");
    }
    return Optional.of(Set.copyOf(realms));
  }

  private static int port(JsonNode node) {
    int port = Scalars.integerAtLeast(0).read(node);
    if (port > 65535) {
      throw Scalars.expected(node, "0..65535");
    }
    return port;
  }

  private static Role role(JsonNode node) {
    String text = Scalars.text().read(node);
    return switch (text) {
      case "admin" -> Role.ADMIN;
      case "reader" -> Role.READER;
      case "publisher" -> Role.PUBLISHER;
      default -> throw Scalars.expected(node, "admin, reader or publisher");
    };
  }

  private static byte[] sha256(JsonNode node) {
    String text = Scalars.text().read(node);
    if (!HEX_SHA256.matcher(text).matches()) {
      // Never echo it: someone may have pasted the token itself.
      throw new IllegalArgumentException(
          "not a SHA-256 (expected: 64 hex digits, e.g. from `printf %s TOKEN | sha256sum`)");
    }
    return HexFormat.of().parseHex(text.toLowerCase(Locale.ROOT));
  }

  /** Returns the SHA-256 of a token's UTF-8 text. */
  static byte[] sha256Of(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
