package dev.herald.host.plugin;

import dev.herald.core.envelope.EventTypePattern;
import dev.herald.core.limit.Rate;
import dev.herald.core.route.Ordering;
import dev.herald.core.rule.BodyTransform;
import dev.herald.core.rule.ContentPattern;
import dev.herald.dispatch.grpc.PluginAddress;
import dev.herald.dispatch.grpc.PluginTls;
import dev.herald.host.config.OrderingMapper;
import dev.herald.host.config.Problems;
import dev.herald.host.config.Scalars;
import dev.herald.host.config.YamlMapping;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Maps one manifest's tree to a {@link PluginManifest}, recording every problem by key path. */
final class ManifestMapper {

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
  static final int DEFAULT_MAX_IN_FLIGHT = 8;
  static final int MAX_IN_FLIGHT_LIMIT = 1024;

  private static final Set<String> RESERVED_ENV =
      Set.of(Handshake.MAGIC_COOKIE_KEY, Handshake.PROTOCOL_VERSIONS_KEY);

  private final Path file;
  private final Path folder;
  private final Problems problems;

  ManifestMapper(Path file, Problems problems) {
    this.file = file;
    this.folder = file.toAbsolutePath().normalize().getParent();
    this.problems = problems;
  }

  /** Returns the manifest, or empty when any problem was recorded. */
  Optional<PluginManifest> map(YamlMapping yaml) {
    Optional<String> id = yaml.required("id", ManifestScalars.id());
    Optional<String> name = yaml.optional("name", Scalars.nonBlankText());
    Optional<String> version = yaml.required("version", ManifestScalars.semver());
    Optional<List<Integer>> protocolVersions = protocolVersions(yaml);
    boolean hasCommand = yaml.has("command");
    boolean hasAddress = yaml.has("address");
    if (hasCommand == hasAddress) {
      yaml.problem(
          "command/address",
          (hasCommand ? "both set" : "neither set")
              + " (expected: exactly one: command for a managed plugin, address for a remote"
              + " one)");
    }
    Optional<List<String>> command = command(yaml);
    Optional<PluginAddress> address = yaml.optional("address", ManifestScalars.address());
    Optional<PluginTls> tls = yaml.has("tls") ? tls(yaml.mapping("tls")) : Optional.empty();
    Optional<String> sha256 = yaml.optional("sha256", ManifestScalars.sha256());
    List<PluginSubscription> subscriptions = subscriptions(yaml);
    YamlMapping delivery = yaml.mapping("delivery");
    Duration timeout =
        delivery.get(
            "timeout", ManifestScalars.positiveDurationAtMost(MAX_TIMEOUT), DEFAULT_TIMEOUT);
    int maxInFlight =
        delivery.get(
            "max_in_flight",
            ManifestScalars.integerBetween(1, MAX_IN_FLIGHT_LIMIT),
            DEFAULT_MAX_IN_FLIGHT);
    refuseOrdered(delivery);
    Optional<Optional<Ordering>> ordering = OrderingMapper.read(delivery);
    Optional<Rate> rateLimit = delivery.optional("rate_limit", Scalars.rate());
    delivery.rejectUnknownKeys();
    Map<String, String> env = env(yaml.mapping("env"));
    if (hasCommand && !hasAddress && yaml.has("tls")) {
      yaml.problem("tls", "set for a managed plugin (expected: only with address)");
    }
    if (hasAddress && !hasCommand) {
      for (String managedOnly : List.of("sha256", "env")) {
        if (yaml.has(managedOnly)) {
          yaml.problem(managedOnly, "set for a remote plugin (expected: only with command)");
        }
      }
    }
    yaml.rejectUnknownKeys();
    if (!problems.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new PluginManifest(
            file,
            id.orElseThrow(),
            name.orElse(id.orElseThrow()),
            version.orElseThrow(),
            protocolVersions.orElseThrow(),
            command.orElse(List.of()),
            address,
            tls,
            subscriptions,
            timeout,
            maxInFlight,
            ordering.orElseThrow(),
            rateLimit,
            sha256,
            env));
  }

  // The old flag only forced one call at a time, and a retried delivery was still overtaken by
  // later ones; a manifest asking for it gets what replaced it rather than a weaker promise.
  private static void refuseOrdered(YamlMapping delivery) {
    if (delivery.get("ordered", Scalars.bool(), false)) {
      delivery.problem(
          "ordered",
          "no longer supported; use delivery.ordering: {key: subject} (ordered delivery per key;"
              + " max_in_flight applies across keys)");
    }
  }

  private static Optional<List<Integer>> protocolVersions(YamlMapping yaml) {
    if (!yaml.has("protocol_versions")) {
      yaml.problem("protocol_versions", "missing (required)");
      return Optional.empty();
    }
    Optional<List<Integer>> versions = yaml.list("protocol_versions", Scalars.integerAtLeast(1));
    if (versions.isPresent() && versions.get().isEmpty()) {
      yaml.problem("protocol_versions", "empty (expected: at least one version, e.g. [1])");
      return Optional.empty();
    }
    if (versions.isPresent()
        && versions.get().stream().noneMatch(Handshake.HOST_PROTOCOL_VERSIONS::contains)) {
      yaml.problem(
          "protocol_versions",
          versions.get()
              + " (expected: to include a version this host speaks: "
              + new TreeSet<>(Handshake.HOST_PROTOCOL_VERSIONS)
              + ")");
      return Optional.empty();
    }
    return versions;
  }

  private Optional<List<String>> command(YamlMapping yaml) {
    Optional<List<String>> argv = yaml.list("command", ManifestScalars.nonEmptyText());
    if (argv.isPresent() && argv.get().isEmpty()) {
      yaml.problem("command", "empty (expected: the executable and its arguments)");
      return Optional.empty();
    }
    return argv.map(this::resolveExecutable);
  }

  // A relative path with a folder in it (./run, bin/run) is relative to the manifest's folder; a
  // bare name (python3) is looked up on PATH when the plugin starts.
  private List<String> resolveExecutable(List<String> argv) {
    String executable = argv.get(0);
    if (!executable.contains("/")) {
      return argv;
    }
    Path path = Path.of(executable);
    if (path.isAbsolute()) {
      return argv;
    }
    List<String> resolved = new ArrayList<>(argv);
    resolved.set(0, folder.resolve(path).normalize().toString());
    return resolved;
  }

  private Optional<PluginTls> tls(YamlMapping yaml) {
    Optional<Path> caCert = yaml.optional("ca_cert", ManifestScalars.existingFile(folder));
    Optional<Path> clientCert = yaml.optional("client_cert", ManifestScalars.existingFile(folder));
    Optional<Path> clientKey = yaml.optional("client_key", ManifestScalars.existingFile(folder));
    if (yaml.has("client_cert") != yaml.has("client_key")) {
      yaml.problem(
          null,
          "only one of client_cert and client_key is set (expected: both for mutual TLS, or"
              + " neither)");
    }
    yaml.rejectUnknownKeys();
    // tls: {} asks for TLS with the JVM's trust store.
    return problems.isEmpty()
        ? Optional.of(new PluginTls(caCert, clientCert, clientKey))
        : Optional.empty();
  }

  private List<PluginSubscription> subscriptions(YamlMapping yaml) {
    if (!yaml.has("subscriptions")) {
      yaml.problem("subscriptions", "missing (required)");
      return List.of();
    }
    int before = problems.size();
    List<YamlMapping> listed = yaml.mappings("subscriptions");
    if (listed.isEmpty() && problems.size() == before) {
      yaml.problem("subscriptions", "empty (expected: at least one subscription)");
    }
    List<PluginSubscription> subscriptions = new ArrayList<>();
    for (YamlMapping subscription : listed) {
      Optional<List<EventTypePattern>> eventTypes = eventTypes(subscription);
      Optional<List<Integer>> versions =
          subscription.list("event_versions", Scalars.integerAtLeast(1));
      Optional<List<String>> realms = subscription.list("realms", Scalars.nonBlankText());
      Optional<ContentPattern> contentPattern = ManifestRules.contentPattern(subscription);
      Optional<BodyTransform> transform = ManifestRules.transform(subscription);
      subscription.rejectUnknownKeys();
      eventTypes.ifPresent(
          patterns ->
              subscriptions.add(
                  new PluginSubscription(
                      patterns,
                      new HashSet<>(versions.orElse(List.of())),
                      new HashSet<>(realms.orElse(List.of())),
                      contentPattern,
                      transform)));
    }
    return subscriptions;
  }

  private static Optional<List<EventTypePattern>> eventTypes(YamlMapping yaml) {
    if (!yaml.has("event_types")) {
      yaml.problem("event_types", "missing (required)");
      return Optional.empty();
    }
    Optional<List<EventTypePattern>> patterns =
        yaml.list("event_types", ManifestScalars.eventTypePattern());
    if (patterns.isPresent() && patterns.get().isEmpty()) {
      yaml.problem("event_types", "empty (expected: at least one event type pattern)");
      return Optional.empty();
    }
    return patterns;
  }

  private static Map<String, String> env(YamlMapping yaml) {
    Map<String, String> env = new LinkedHashMap<>();
    yaml.entries(Scalars.text())
        .forEach(
            (name, value) -> {
              if (!ManifestScalars.isEnvironmentName(name)) {
                yaml.problem(
                    name, "not a variable name (expected: letters, digits and _, e.g. LOG_LEVEL)");
              } else if (RESERVED_ENV.contains(name)) {
                yaml.problem(name, "reserved (set by the host)");
              } else {
                env.put(name, value);
              }
            });
    return env;
  }
}
