package dev.herald.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.herald.core.rule.BodyTransform;
import dev.herald.core.rule.ContentPattern;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigValidationTest {

  private static final String HOOK =
      """
        - id: billing
          url: https://billing.example.com/hooks
          secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
          event_types: [user.*]
      """;

  private static List<String> problems(String yaml) {
    ConfigLoader loader =
        new ConfigLoader(new SecretResolver(Path.of("/nonexistent/secrets"), Map.of()));
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> loader.parse(yaml, "t.yaml"));
    assertThat(e).as("expected a ConfigException for:%n%s", yaml).isNotNull();
    return e.problems();
  }

  /**
   * Returns a webhooks section: a valid hook, then a valid hook {@code b2} changed by {@code
   * change}, either {@code key: value} to set a key or {@code -key} to remove it.
   */
  private static String secondHook(String change) {
    Map<String, String> hook = new LinkedHashMap<>();
    hook.put("id", "b2");
    hook.put("url", "https://b.example");
    hook.put("secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    hook.put("event_types", "[user.*]");
    if (change.startsWith("-")) {
      hook.remove(change.substring(1));
    } else {
      String[] keyValue = change.split(": ", 2);
      hook.put(keyValue[0], keyValue[1]);
    }
    StringBuilder yaml = new StringBuilder("webhooks:\n").append(HOOK).append("  -");
    hook.forEach((key, value) -> yaml.append("\n    ").append(key).append(": ").append(value));
    return yaml.append('\n').toString();
  }

  @Test
  void validHookHasNoProblems() {
    ConfigLoader loader = new ConfigLoader(new SecretResolver(Path.of("/nonexistent"), Map.of()));
    assertThat(loader.parse("webhooks:\n" + HOOK, "t.yaml").webhooks()).hasSize(1);
    assertThat(loader.parse(secondHook("realm: acme"), "t.yaml").webhooks()).hasSize(2);
  }

  static Stream<Arguments> badTopLevelValues() {
    return Stream.of(
        arguments(
            "delivery: {retry: {jitter: 1.5}}",
            "delivery.retry.jitter: 1.5 (expected: 0.0 to 1.0)"),
        arguments(
            "delivery: {retry: {jitter: -0.1}}",
            "delivery.retry.jitter: -0.1 (expected: 0.0 to 1.0)"),
        arguments("logging: {format: xml}", "logging.format: 'xml' (expected: one of text, json)"),
        arguments(
            "logging: {level: verbose}",
            "logging.level: 'verbose' (expected: one of error, warn, info, debug, trace)"),
        arguments(
            "webhoks: []",
            "webhoks: unknown key (expected one of: database, events, bus, delivery, plugins,"
                + " network, webhooks, api, ingest, secrets, retention, logging, sources)"),
        arguments(
            "delivery: {leese: 5s}",
            "delivery.leese: unknown key (expected one of: poll_interval, lease, batch_size,"
                + " max_in_flight, response_excerpt_bytes, retry, circuit_breaker,"
                + " auto_disable_after, stuck_after)"),
        arguments(
            "delivery: {auto_disable_after: -1d}",
            "delivery.auto_disable_after: '-1d' (expected: >= 0, or off)"),
        arguments(
            "delivery: {auto_disable_after: 5}",
            "delivery.auto_disable_after: 5 (expected: a duration with a unit, e.g. 5d, or off)"),
        arguments(
            "delivery: {auto_disable_after: never}",
            "delivery.auto_disable_after: 'never' (expected: a duration like 250ms, 5s, 5m, 2h,"
                + " 1d or PT5S)"),
        arguments("delivery: {lease: -5s}", "delivery.lease: '-5s' (expected: > 0)"),
        arguments("delivery: {poll_interval: 0s}", "delivery.poll_interval: '0s' (expected: > 0)"),
        arguments(
            "delivery: {lease: 5}",
            "delivery.lease: 5 (expected: a duration with a unit, e.g. 5s)"),
        arguments(
            "delivery: {lease: 5 minutes}",
            "delivery.lease: '5 minutes' (expected: a duration like 250ms, 5s, 5m, 2h, 1d or"
                + " PT5S)"),
        arguments("delivery: {max_in_flight: 0}", "delivery.max_in_flight: 0 (expected: > 0)"),
        arguments("delivery: {batch_size: 1.5}", "delivery.batch_size: 1.5 (expected: an integer)"),
        arguments(
            "delivery: {batch_size: '100'}", "delivery.batch_size: '100' (expected: an integer)"),
        arguments(
            "delivery: {response_excerpt_bytes: -1}",
            "delivery.response_excerpt_bytes: -1 (expected: >= 0)"),
        arguments(
            "delivery: {retry: {schedule: [5s, -1m]}}",
            "delivery.retry.schedule[1]: '-1m' (expected: >= 0 and <= 365d)"),
        arguments(
            "delivery: {retry: {schedule: 5s}}",
            "delivery.retry.schedule: '5s' (expected: a list)"),
        arguments(
            "delivery: {retry: {schedule: [5s], exponential: {initial: 1s}}}",
            "delivery.retry: both schedule and exponential are set (expected: exactly one of"
                + " them)"),
        arguments(
            "delivery: {retry: {exponential: {initial: 1m, max: 1s}}}",
            "delivery.retry.exponential.max: 1s (expected: >= initial, 1m)"),
        arguments(
            "delivery: {retry: {exponential: {multiplier: 0.5}}}",
            "delivery.retry.exponential.multiplier: 0.5 (expected: >= 1.0)"),
        arguments(
            "delivery: {retry: {exponential: {max_attempts: 0}}}",
            "delivery.retry.exponential.max_attempts: 0 (expected: > 0)"),
        arguments(
            "delivery: {retry: {exponential: {initail: 1s}}}",
            "delivery.retry.exponential.initail: unknown key (expected one of: initial, multiplier,"
                + " max, max_attempts)"),
        arguments(
            "delivery: {circuit_breaker: {failure_threshold: 0}}",
            "delivery.circuit_breaker.failure_threshold: 0 (expected: > 0)"),
        arguments(
            "delivery: {circuit_breaker: {open_for: 0s}}",
            "delivery.circuit_breaker.open_for: '0s' (expected: > 0)"),
        arguments(
            "delivery: {circuit_breaker: {threshold: 3}}",
            "delivery.circuit_breaker.threshold: unknown key (expected one of: failure_threshold,"
                + " open_for)"),
        arguments("delivery: 5", "delivery: 5 (expected: a mapping)"),
        arguments("bus: {queue_capacity: 0}", "bus.queue_capacity: 0 (expected: > 0)"),
        arguments(
            "events: {source: not a uri}",
            "events.source: 'not a uri' (expected: an absolute URI, e.g. urn:herald:local)"),
        arguments("events: {max_payload_bytes: 0}", "events.max_payload_bytes: 0 (expected: > 0)"),
        arguments("database: {path: ''}", "database.path: '' (expected: a non-blank string)"),
        arguments(
            "plugins: {directory: ''}", "plugins.directory: '' (expected: a non-blank string)"),
        arguments("plugins: {start_timeout: 0s}", "plugins.start_timeout: '0s' (expected: > 0)"),
        arguments(
            "plugins: {health_interval: 2}",
            "plugins.health_interval: 2 (expected: a duration with a unit, e.g. 5s)"),
        arguments("plugins: {max_restarts: -1}", "plugins.max_restarts: -1 (expected: >= 0)"),
        arguments(
            "plugins: {shutdown_grace: -5s}", "plugins.shutdown_grace: '-5s' (expected: > 0)"),
        arguments(
            "plugins: {restart_backoff: {initial: 0s}}",
            "plugins.restart_backoff.initial: '0s' (expected: > 0)"),
        arguments(
            "plugins: {restart_backoff: {initial: 1m, max: 30s}}",
            "plugins.restart_backoff.max: 30s (expected: >= initial, 1m)"),
        arguments(
            "plugins: {restart_backoff: {maximum: 1m}}",
            "plugins.restart_backoff.maximum: unknown key (expected one of: initial, max)"),
        arguments(
            "plugins: {dir: ./p}",
            "plugins.dir: unknown key (expected one of: directory, start_timeout, health_interval,"
                + " restart_backoff, max_restarts, shutdown_grace)"),
        arguments("plugins: [./p]", "plugins: a list (expected: a mapping)"),
        arguments("ingest: {quota: 50}", "ingest.quota: 50 (expected: a rate, e.g. 50/s)"),
        arguments(
            "ingest: {quota: 5/d}",
            "ingest.quota: '5/d' (expected: <count>/s, /min or /h, e.g. 50/s)"),
        arguments(
            "ingest: {realm_quotas: {acme: 0/s}}",
            "ingest.realm_quotas.acme: '0/s' (expected: a count of at least 1)"),
        arguments(
            "ingest: {quotas: 5/s}",
            "ingest.quotas: unknown key (expected one of: quota, realm_quotas)"),
        arguments("[1, 2]", "(top level): a list (expected: a mapping)"),
        arguments("webhooks: {id: x}", "webhooks: a mapping (expected: a list)"));
  }

  @ParameterizedTest
  @MethodSource("badTopLevelValues")
  void badTopLevelValueNamesItsKey(String yaml, String problem) {
    assertThat(problems(yaml)).containsExactly(problem);
  }

  static Stream<Arguments> badWebhooks() {
    return Stream.of(
        arguments("url: ftp://x", "webhooks[1].url: 'ftp://x' (expected: an http or https URL)"),
        arguments("url: /hooks", "webhooks[1].url: '/hooks' (expected: an http or https URL)"),
        arguments(
            "url: https:///x",
            "webhooks[1].url: 'https:///x' (expected: an http or https URL with a host)"),
        arguments(
            "id: billing",
            "webhooks[1].id: 'billing' (expected: unique; already used by webhooks[0])"),
        arguments("id: Billing", "webhooks[1].id: 'Billing' (expected: [a-z0-9][a-z0-9_-]{0,63})"),
        arguments("-id", "webhooks[1].id: missing (required)"),
        arguments(
            "event_types: [user.created, User.*]",
            "webhooks[1].event_types[1]: event type pattern: 'User.*' (expected: an event type"
                + " like user.created of at most 128 characters, a prefix wildcard like user.*,"
                + " or *)"),
        arguments(
            "event_types: []",
            "webhooks[1].event_types: empty (expected: at least one event type pattern)"),
        arguments("-event_types", "webhooks[1].event_types: missing (required)"),
        arguments(
            "secret_ref: b",
            "webhooks[1]: both secret and secret_ref are set (expected: exactly one of them)"),
        arguments(
            "-secret",
            "webhooks[1]: neither secret nor secret_ref is set (expected: exactly one of them)"),
        arguments("secret: not-a-secret", "webhooks[1].secret: expected the form whsec_<base64>"),
        arguments("max_in_flight: 0", "webhooks[1].max_in_flight: 0 (expected: > 0)"),
        arguments("timeout: -1s", "webhooks[1].timeout: '-1s' (expected: > 0)"),
        arguments("enabled: 1", "webhooks[1].enabled: 1 (expected: true or false)"),
        arguments("realm: ' '", "webhooks[1].realm: ' ' (expected: a non-blank string)"),
        arguments(
            "event_type: [x]",
            "webhooks[1].event_type: unknown key (expected one of: id, url, secret, secret_ref,"
                + " event_types, realm, enabled, timeout, max_in_flight, rate_limit, headers,"
                + " subscriptions, ordering, body_format)"),
        arguments(
            "subscriptions: [{event_types: [a]}, {event_types: [b], content_pattern: {payload:"
                + " {total: [{numeric: ['>', lots]}]}}}]",
            "webhooks[1].subscriptions[1].content_pattern.payload.total: Value of > must be"
                + " numeric"),
        arguments(
            "subscriptions: [{event_types: [a], content_pattern: '{\"payload\": {\"n\": 1}}'}]",
            "webhooks[1].subscriptions[0].content_pattern.payload.n: a number (expected: an"
                + " object or an array of values to match)"),
        arguments(
            "subscriptions: [{event_types: [a], content_pattern: 42}]",
            "webhooks[1].subscriptions[0].content_pattern: 42 (expected: a mapping or a JSON"
                + " object as a string)"),
        arguments(
            "subscriptions: [{event_types: [a], transform: '  '}]",
            "webhooks[1].subscriptions[0].transform: empty (expected: a JMESPath expression)"),
        arguments(
            "subscriptions: [{content_pattern: {a: [1]}}]",
            "webhooks[1].subscriptions[0].event_types: missing (required)"),
        arguments(
            "subscriptions: [{event_types: [a], transfrom: x}]",
            "webhooks[1].subscriptions[0].transfrom: unknown key (expected one of: event_types,"
                + " content_pattern, transform)"),
        arguments(
            "ordering: {key: a..b}",
            "webhooks[1].ordering.key: 'a..b' is not a dotted path (expected: subject, or names of"
                + " letters, digits, _ and - joined by dots, such as payload.account_id)"),
        arguments(
            "ordering: {key: subject, on_dead: retry}",
            "webhooks[1].ordering.on_dead: 'retry' (expected: block or skip)"),
        arguments(
            "ordering: 'payload..id'",
            "webhooks[1].ordering: 'payload..id' is not a dotted path (expected: subject, or names"
                + " of letters, digits, _ and - joined by dots, such as payload.account_id)"),
        arguments(
            "ordering: {key: subject, dead: skip}",
            "webhooks[1].ordering.dead: unknown key (expected one of: key, on_dead)"),
        arguments(
            "ordering: true",
            "webhooks[1].ordering: true (expected: subject, a dotted path such as"
                + " payload.account_id, or a mapping with key and on_dead)"),
        arguments(
            "headers: {X-Tenant: acme, webhook-id: forged}",
            "webhooks[1].headers.webhook-id: reserved (Herald sets it)"),
        arguments(
            "headers: {Content-Length: '0'}",
            "webhooks[1].headers.Content-Length: reserved (Herald sets it: it describes the signed"
                + " body)"),
        arguments(
            "headers: {HOST: evil.example}",
            "webhooks[1].headers.HOST: reserved (the HTTP client manages it)"),
        arguments(
            "headers: {X-Tenant: \"acme\\r\\nX-Injected: yes\"}",
            "webhooks[1].headers.X-Tenant: contains a control (e.g. CR, LF, NUL) or non-ASCII"
                + " character (expected: printable ASCII)"),
        arguments(
            "headers: {X-Tenant: a, x-tenant: b}",
            "webhooks[1].headers.x-tenant: duplicate (expected: unique names whatever their case;"
                + " already given as X-Tenant)"),
        arguments(
            "body_format: cloudevents",
            "webhooks[1].body_format: 'cloudevents' (expected: herald, cloudevents-structured or"
                + " cloudevents-binary)"),
        arguments(
            "headers: {'X Tenant': a}",
            "webhooks[1].headers: header name 'X?Tenant' (expected: an RFC 7230 token of at most"
                + " 128 characters: letters, digits and !#$%&'*+.^_`|~-)"));
  }

  @ParameterizedTest
  @MethodSource("badWebhooks")
  void badWebhookValueNamesItsKey(String change, String problem) {
    assertThat(problems(secondHook(change))).containsExactly(problem);
  }

  @Test
  void staticHeadersAreReadInFileOrderAndSentByTheEndpoint() {
    ConfigLoader loader = new ConfigLoader(new SecretResolver(Path.of("/nonexistent"), Map.of()));
    String yaml =
        "webhooks:\n"
            + HOOK
            + "    headers:\n      X-Tenant: acme\n      Authorization: Bearer t0ken\n"
            + "      X-Version: 2\n";

    WebhookConfig hook = loader.parse(yaml, "t.yaml").webhooks().get(0);

    assertThat(hook.headers())
        .containsExactly(
            Map.entry("X-Tenant", "acme"),
            Map.entry("Authorization", "Bearer t0ken"),
            Map.entry("X-Version", "2"));
    assertThat(hook.toEndpoint().headers()).isEqualTo(hook.headers());
    assertThat(hook.toString()).contains("X-Tenant").doesNotContain("t0ken");
  }

  @Test
  void subscriptionsCarryTheirContentRulesToTheEndpoint() {
    ConfigLoader loader = new ConfigLoader(new SecretResolver(Path.of("/nonexistent"), Map.of()));
    String yaml =
        "webhooks:\n"
            + HOOK
            + """
                realm: acme
                subscriptions:
                  - event_types: [order.created, order.updated]
                    content_pattern: {payload: {total: [{numeric: [">", 100]}]}}
                    transform: '{id: event_id, total: payload.total}'
                  - event_types: [invoice.*]
                    content_pattern: '{"payload": {"region": ["eu"]}}'
            """;

    WebhookConfig hook = loader.parse(yaml, "t.yaml").webhooks().get(0);

    assertThat(hook.toEndpoint().subscriptions())
        .extracting(
            s ->
                s.pattern()
                    + " "
                    + s.realmId().orElse("-")
                    + " "
                    + s.contentPattern().map(ContentPattern::json).orElse("-")
                    + " "
                    + s.transform().map(BodyTransform::expression).orElse("-"))
        .containsExactly(
            "user.* acme - -",
            "order.created acme {\"payload\":{\"total\":[{\"numeric\":[\">\",100]}]}}"
                + " {id: event_id, total: payload.total}",
            "order.updated acme {\"payload\":{\"total\":[{\"numeric\":[\">\",100]}]}}"
                + " {id: event_id, total: payload.total}",
            "invoice.* acme {\"payload\":{\"region\":[\"eu\"]}} -");
  }

  @Test
  void reportsSeveralProblemsTogether() {
    String yaml =
        """
        webhoks: []
        delivery:
          max_in_flight: 0
          retry:
            jitter: 1.5
        webhooks:
          - id: billing
            url: ftp://x
            event_types: [User.*]
        """;

    assertThat(problems(yaml))
        .hasSize(6)
        .anyMatch(p -> p.startsWith("webhoks: unknown key"))
        .contains(
            "delivery.max_in_flight: 0 (expected: > 0)",
            "delivery.retry.jitter: 1.5 (expected: 0.0 to 1.0)",
            "webhooks[0].url: 'ftp://x' (expected: an http or https URL)",
            "webhooks[0]: neither secret nor secret_ref is set (expected: exactly one of them)")
        .anyMatch(p -> p.startsWith("webhooks[0].event_types[0]: event type pattern: 'User.*'"));
  }
}
