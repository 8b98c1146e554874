package dev.herald.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.envelope.FieldViolation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class StaticHeadersTest {

  private static List<String> problems(Map<String, String> headers) {
    return StaticHeaders.violations("headers", headers).stream()
        .map(FieldViolation::toString)
        .toList();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "X-Tenant",
        "Authorization",
        "x-api-key",
        "X-Forwarded-For",
        "Cookie",
        "Accept",
        "X_Odd.Name~1!",
        "Webhook",
        "Hosted-By",
        "Contents"
      })
  void acceptsOrdinaryNames(String name) {
    assertThat(problems(Map.of(name, "value"))).isEmpty();
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("webhook-id", "headers.webhook-id: reserved (Herald sets it)"),
        Arguments.of("Webhook-Signature", "headers.Webhook-Signature: reserved (Herald sets it)"),
        Arguments.of("WEBHOOK-ANYTHING", "headers.WEBHOOK-ANYTHING: reserved (Herald sets it)"),
        Arguments.of("Reauth-Signature", "headers.Reauth-Signature: reserved (Herald sets it)"),
        Arguments.of("Idempotency-Key", "headers.Idempotency-Key: reserved (Herald sets it)"),
        Arguments.of("X-Correlation-ID", "headers.X-Correlation-ID: reserved (Herald sets it)"),
        Arguments.of("User-Agent", "headers.User-Agent: reserved (Herald sets it)"),
        Arguments.of(
            "Content-Type",
            "headers.Content-Type: reserved (Herald sets it: it describes the signed body)"),
        Arguments.of(
            "content-length",
            "headers.content-length: reserved (Herald sets it: it describes the signed body)"),
        Arguments.of(
            "Content-Encoding",
            "headers.Content-Encoding: reserved (Herald sets it: it describes the signed body)"),
        Arguments.of(
            "traceparent",
            "headers.traceparent: reserved (Herald forwards the event's trace context)"),
        Arguments.of(
            "TraceState",
            "headers.TraceState: reserved (Herald forwards the event's trace context)"),
        Arguments.of("Host", "headers.Host: reserved (the HTTP client manages it)"),
        Arguments.of(
            "Transfer-Encoding",
            "headers.Transfer-Encoding: reserved (the HTTP client manages it)"),
        Arguments.of("Connection", "headers.Connection: reserved (the HTTP client manages it)"),
        Arguments.of("Keep-Alive", "headers.Keep-Alive: reserved (the HTTP client manages it)"),
        Arguments.of("TE", "headers.TE: reserved (the HTTP client manages it)"),
        Arguments.of("Trailer", "headers.Trailer: reserved (the HTTP client manages it)"),
        Arguments.of("Upgrade", "headers.Upgrade: reserved (the HTTP client manages it)"),
        Arguments.of("Expect", "headers.Expect: reserved (the HTTP client manages it)"),
        Arguments.of(
            "Proxy-Authorization",
            "headers.Proxy-Authorization: reserved (the HTTP client manages it)"),
        Arguments.of(
            "X Tenant",
            "headers: header name 'X?Tenant' (expected: an RFC 7230 token of at most 128"
                + " characters: letters, digits and !#$%&'*+.^_`|~-)"),
        Arguments.of(
            "X-Tenant:",
            "headers: header name 'X-Tenant:' (expected: an RFC 7230 token of at most 128"
                + " characters: letters, digits and !#$%&'*+.^_`|~-)"),
        Arguments.of(
            "X-Ünicode",
            "headers: header name 'X-?nicode' (expected: an RFC 7230 token of at most 128"
                + " characters: letters, digits and !#$%&'*+.^_`|~-)"),
        Arguments.of(
            "X-Long-" + "a".repeat(122),
            "headers: header name 'X-Long-"
                + "a".repeat(57)
                + "...' (expected: an RFC 7230 token of at most 128 characters: letters, digits"
                + " and !#$%&'*+.^_`|~-)"),
        Arguments.of("", "headers: a header with an empty name (expected: an RFC 7230 token)"));
  }

  @ParameterizedTest
  @MethodSource
  void refused(String name, String problem) {
    assertThat(problems(Map.of(name, "value"))).containsExactly(problem);
  }

  static Stream<Arguments> refusedValues() {
    String controls =
        "headers.X-Tenant: contains a control (e.g. CR, LF, NUL) or non-ASCII character"
            + " (expected: printable ASCII)";
    return Stream.of(
        Arguments.of("acme\r\nX-Injected: yes", controls),
        Arguments.of("acme\nX-Injected: yes", controls),
        Arguments.of("acme\u0000", controls),
        Arguments.of("acme\u007f", controls),
        Arguments.of("acmé", controls),
        Arguments.of("", "headers.X-Tenant: empty (expected: a value)"),
        Arguments.of(
            " acme",
            "headers.X-Tenant: leading or trailing whitespace (expected: none, HTTP would strip"
                + " it)"),
        Arguments.of(
            "acme\t",
            "headers.X-Tenant: leading or trailing whitespace (expected: none, HTTP would strip"
                + " it)"),
        Arguments.of(
            "a".repeat(4097), "headers.X-Tenant: 4097 characters (expected: at most 4096)"));
  }

  @ParameterizedTest
  @MethodSource
  void refusedValues(String value, String problem) {
    assertThat(problems(Map.of("X-Tenant", value))).containsExactly(problem);
  }

  @Test
  void neverShowsAValueInAProblem() {
    String token = "Bearer s3cr3t\r\n";

    assertThat(problems(Map.of("Authorization", token))).noneMatch(p -> p.contains("s3cr3t"));
    assertThat(problems(Map.of("Authorization", "a".repeat(5000) + "s3cr3t")))
        .noneMatch(p -> p.contains("s3cr3t"));
  }

  @Test
  void acceptsValuesWithInnerSpacesTabsAndPunctuation() {
    assertThat(problems(Map.of("Authorization", "Bearer eyJ.x-y_z/+=", "X-List", "a,\tb; c=\"d\"")))
        .isEmpty();
    assertThat(problems(Map.of("X-Max", "a".repeat(StaticHeaders.MAX_VALUE_LENGTH)))).isEmpty();
  }

  @Test
  void refusesNamesThatDifferOnlyInCase() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Tenant", "acme");
    headers.put("x-tenant", "other");

    assertThat(problems(headers))
        .containsExactly(
            "headers.x-tenant: duplicate (expected: unique names whatever their case; already"
                + " given as X-Tenant)");
  }

  @Test
  void refusesMoreThanTwentyHeaders() {
    Map<String, String> twenty = new LinkedHashMap<>();
    IntStream.range(0, 20).forEach(i -> twenty.put("X-H" + i, "v"));
    Map<String, String> twentyOne = new LinkedHashMap<>(twenty);
    twentyOne.put("X-H20", "v");

    assertThat(problems(twenty)).isEmpty();
    assertThat(problems(twentyOne)).containsExactly("headers: 21 headers (expected: at most 20)");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", "evil.example");
    headers.put("X-Ok", "fine");
    headers.put("X-Bad", "a\nb");

    assertThat(StaticHeaders.violations("headers", headers))
        .extracting(FieldViolation::field)
        .containsExactly("headers.Host", "headers.X-Bad");
  }
}
