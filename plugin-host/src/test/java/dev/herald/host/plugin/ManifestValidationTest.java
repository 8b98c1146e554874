package dev.herald.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestValidationTest {

  private static final String PATTERN_EXPECTATION =
      "(expected: an event type like user.created of at most 128 characters, a prefix wildcard"
          + " like user.*, or *)";
  private static final String SHA256 = "ab".repeat(32);

  @TempDir Path dir;

  /**
   * Writes a valid managed ({@code command}) or remote ({@code address}) manifest changed by {@code
   * change}, either {@code key: value} to set a key or {@code -key} to remove it, and returns its
   * problems.
   */
  private List<String> problems(String kind, String change) throws IOException {
    Map<String, String> manifest = new LinkedHashMap<>();
    manifest.put("id", "audit-log");
    manifest.put("version", "0.1.0");
    manifest.put("protocol_versions", "[1]");
    manifest.put(kind, kind.equals("command") ? "[./run]" : "127.0.0.1:7443");
    manifest.put("subscriptions", "[{event_types: [user.*]}]");
    if (change.startsWith("-")) {
      manifest.remove(change.substring(1));
    } else {
      String[] keyValue = change.split(": ", 2);
      manifest.put(keyValue[0], keyValue[1]);
    }
    StringBuilder yaml = new StringBuilder();
    manifest.forEach((key, value) -> yaml.append(key).append(": ").append(value).append('\n'));
    Path file = Files.writeString(dir.resolve("audit.plugin.yaml"), yaml);
    List<String> problems = ManifestLoaderTest.problems(() -> ManifestLoader.loadDirectory(dir));
    assertThat(problems).allMatch(p -> p.startsWith(file + ": "));
    return problems.stream().map(p -> p.substring(file.toString().length() + 2)).toList();
  }

  static Stream<Arguments> badManagedManifests() {
    return Stream.of(
        arguments("id: Audit", "id: 'Audit' (expected: [a-z0-9][a-z0-9_-]{0,63})"),
        arguments(
            "id: " + "a".repeat(65),
            "id: '" + "a".repeat(65) + "' (expected: [a-z0-9][a-z0-9_-]{0,63})"),
        arguments("-id", "id: missing (required)"),
        arguments("name: ' '", "name: ' ' (expected: a non-blank string)"),
        arguments(
            "version: 1.0", "version: 1.0 (expected: a semantic version like 1.4.2 or 2.0.0-rc.1)"),
        arguments(
            "version: 01.0.0",
            "version: '01.0.0' (expected: a semantic version like 1.4.2 or 2.0.0-rc.1)"),
        arguments("-version", "version: missing (required)"),
        arguments(
            "protocol_versions: []",
            "protocol_versions: empty (expected: at least one version, e.g. [1])"),
        arguments("protocol_versions: [1, 0]", "protocol_versions[1]: 0 (expected: > 0)"),
        arguments(
            "protocol_versions: [2, 3]",
            "protocol_versions: [2, 3] (expected: to include a version this host speaks: [1])"),
        arguments("protocol_versions: 1", "protocol_versions: 1 (expected: a list)"),
        arguments("-protocol_versions", "protocol_versions: missing (required)"),
        arguments(
            "address: 127.0.0.1:7443",
            "command/address: both set (expected: exactly one: command for a managed plugin,"
                + " address for a remote one)"),
        arguments(
            "-command",
            "command/address: neither set (expected: exactly one: command for a managed plugin,"
                + " address for a remote one)"),
        arguments("command: []", "command: empty (expected: the executable and its arguments)"),
        arguments("command: [./run, '']", "command[1]: '' (expected: a non-empty string)"),
        arguments("command: ./run", "command: './run' (expected: a list)"),
        arguments("sha256: abc", "sha256: 'abc' (expected: 64 hexadecimal digits)"),
        arguments(
            "sha256: " + "g".repeat(64),
            "sha256: '" + "g".repeat(64) + "' (expected: 64 hexadecimal digits)"),
        arguments("tls: {}", "tls: set for a managed plugin (expected: only with address)"),
        arguments(
            "env: {1BAD: x}",
            "env.1BAD: not a variable name (expected: letters, digits and _, e.g. LOG_LEVEL)"),
        arguments(
            "env: {HERALD_PLUGIN_MAGIC_COOKIE: x}",
            "env.HERALD_PLUGIN_MAGIC_COOKIE: reserved (set by the host)"),
        arguments("env: {DEBUG: true}", "env.DEBUG: true (expected: a string)"),
        arguments("env: [A=b]", "env: a list (expected: a mapping)"),
        arguments("-subscriptions", "subscriptions: missing (required)"),
        arguments(
            "subscriptions: []", "subscriptions: empty (expected: at least one subscription)"),
        arguments(
            "subscriptions: {event_types: [a]}", "subscriptions: a mapping (expected: a list)"),
        arguments(
            "subscriptions: [{event_types: [user.*, User.*]}]",
            "subscriptions[0].event_types[1]: event type pattern: 'User.*' " + PATTERN_EXPECTATION),
        arguments(
            "subscriptions: [{event_types: [user.*]}, {event_types: []}]",
            "subscriptions[1].event_types: empty (expected: at least one event type pattern)"),
        arguments(
            "subscriptions: [{realms: [acme]}]",
            "subscriptions[0].event_types: missing (required)"),
        arguments(
            "subscriptions: [{event_types: ['*'], event_versions: [1, 0]}]",
            "subscriptions[0].event_versions[1]: 0 (expected: > 0)"),
        arguments(
            "subscriptions: [{event_types: ['*'], realms: ['']}]",
            "subscriptions[0].realms[0]: '' (expected: a non-blank string)"),
        arguments(
            "subscriptions: [{event_types: ['*'], realm: acme}]",
            "subscriptions[0].realm: unknown key (expected one of: event_types, event_versions,"
                + " realms, content_pattern, transform)"),
        arguments(
            "subscriptions: [{event_types: ['*'], content_pattern: {payload: {total: [{numeric:"
                + " ['>', abc]}]}}}]",
            "subscriptions[0].content_pattern.payload.total: Value of > must be numeric"),
        arguments(
            "subscriptions: [{event_types: ['*'], content_pattern: {payload: {total: 5}}}]",
            "subscriptions[0].content_pattern.payload.total: a number (expected: an object or an"
                + " array of values to match)"),
        arguments(
            "subscriptions: [{event_types: ['*'], content_pattern: '{\"realm_id\": ['}]",
            "subscriptions[0].content_pattern: not JSON (Unexpected end-of-input: expected close"
                + " marker for Array (start marker at line: 1, column: 14))"),
        arguments(
            "subscriptions: [{event_types: ['*'], content_pattern: [a]}]",
            "subscriptions[0].content_pattern: a list (expected: a mapping, or a JSON object in a"
                + " string)"),
        arguments(
            "subscriptions: [{event_types: ['*'], content_pattern: {}}]",
            "subscriptions[0].content_pattern: expected a non-empty JSON object"),
        arguments(
            "subscriptions: [{event_types: ['*'], transform: 'payload.['}]",
            "subscriptions[0].transform: not a JMESPath expression (Unable to compile expression"
                + " \"payload.[\": syntax error mismatched input '<EOF>' expecting {'!', '(', '*',"
                + " '[', '{', '[?', '@', '`', RAW_STRING, JSON_CONSTANT, NAME, STRING} at position"
                + " 9)"),
        arguments(
            "subscriptions: [{event_types: ['*'], transform: 5}]",
            "subscriptions[0].transform: 5 (expected: a JMESPath expression in a string)"),
        arguments("delivery: {timeout: 0s}", "delivery.timeout: '0s' (expected: > 0 and <= 5m)"),
        arguments(
            "delivery: {timeout: 301s}", "delivery.timeout: '301s' (expected: > 0 and <= 5m)"),
        arguments("delivery: {timeout: -1s}", "delivery.timeout: '-1s' (expected: > 0 and <= 5m)"),
        arguments(
            "delivery: {timeout: 5}",
            "delivery.timeout: 5 (expected: a duration with a unit, e.g. 5s)"),
        arguments(
            "delivery: {max_in_flight: 0}", "delivery.max_in_flight: 0 (expected: 1 to 1024)"),
        arguments(
            "delivery: {max_in_flight: 1025}",
            "delivery.max_in_flight: 1025 (expected: 1 to 1024)"),
        arguments("delivery: {ordered: 1}", "delivery.ordered: 1 (expected: true or false)"),
        arguments(
            "delivery: {ordered: true}",
            "delivery.ordered: no longer supported; use delivery.ordering: {key: subject} (ordered"
                + " delivery per key; max_in_flight applies across keys)"),
        arguments(
            "delivery: {ordering: {key: 'payload.'}}",
            "delivery.ordering.key: 'payload.' is not a dotted path (expected: subject, or names of"
                + " letters, digits, _ and - joined by dots, such as payload.account_id)"),
        arguments(
            "delivery: {ordering: {on_dead: Block}}",
            "delivery.ordering.on_dead: 'Block' (expected: block or skip)"),
        arguments(
            "delivery: {rate_limit: fast}",
            "delivery.rate_limit: 'fast' (expected: <count>/s, /min or /h, e.g. 50/s)"),
        arguments(
            "delivery: {retries: 3}",
            "delivery.retries: unknown key (expected one of: timeout, max_in_flight, ordered, ordering,"
                + " rate_limit)"),
        arguments(
            "subscription: []",
            "subscription: unknown key (expected one of: id, name, version, protocol_versions,"
                + " command, address, tls, sha256, subscriptions, delivery, env)"));
  }

  @ParameterizedTest
  @MethodSource("badManagedManifests")
  void badManagedManifestNamesFileAndKey(String change, String problem) throws IOException {
    assertThat(problems("command", change)).containsExactly(problem);
  }

  static Stream<Arguments> badRemoteManifests() {
    return Stream.of(
        arguments(
            "address: localhost",
            "address: 'localhost' (expected: host:port or unix:/path/to/socket)"),
        arguments("address: 'h:0'", "address: 'h:0' (expected: host:port or unix:/path/to/socket)"),
        arguments(
            "address: 'unix:'", "address: 'unix:' (expected: host:port or unix:/path/to/socket)"),
        arguments(
            "sha256: " + SHA256, "sha256: set for a remote plugin (expected: only with command)"),
        arguments("env: {A: b}", "env: set for a remote plugin (expected: only with command)"),
        arguments(
            "tls: {ca_cert: missing.pem}",
            "tls.ca_cert: 'missing.pem' (expected: an existing file; {dir}/missing.pem is not"
                + " one)"),
        arguments(
            "tls: {client_cert: ca.pem}",
            "tls: only one of client_cert and client_key is set (expected: both for mutual TLS, or"
                + " neither)"),
        arguments(
            "tls: {ca: ca.pem}",
            "tls.ca: unknown key (expected one of: ca_cert, client_cert, client_key)"),
        arguments("tls: true", "tls: true (expected: a mapping)"));
  }

  @ParameterizedTest
  @MethodSource("badRemoteManifests")
  void badRemoteManifestNamesFileAndKey(String change, String problem) throws IOException {
    Files.writeString(dir.resolve("ca.pem"), "ca");

    assertThat(problems("address", change))
        .containsExactly(problem.replace("{dir}", dir.toAbsolutePath().toString()));
  }

  @Test
  void jsonManifestFollowsTheSameRules() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("a.plugin.json"),
            """
            {"id": "a", "version": "1.0", "protocol_versions": [1], "command": ["./run"],
             "address": "127.0.0.1:1",
             "subscriptions": [{"event_types": ["user.*", "User.*"]}], "extra": 1}
            """);

    assertThat(ManifestLoaderTest.problems(() -> ManifestLoader.load(file)))
        .containsExactly(
            file + ": version: '1.0' (expected: a semantic version like 1.4.2 or 2.0.0-rc.1)",
            file
                + ": command/address: both set (expected: exactly one: command for a managed"
                + " plugin, address for a remote one)",
            file
                + ": subscriptions[0].event_types[1]: event type pattern: 'User.*' "
                + PATTERN_EXPECTATION,
            file
                + ": extra: unknown key (expected one of: id, name, version, protocol_versions,"
                + " command, address, tls, sha256, subscriptions, delivery, env)");
  }
}
