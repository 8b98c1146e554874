package dev.herald.core.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Content patterns behave as EventBridge documents them: the events and patterns below are taken
 * from the "Content filtering in event patterns" and "Event patterns" pages of the EventBridge user
 * guide, with the outcome the guide gives (or that its rules imply for the variants).
 */
class ContentPatternTest {

  /** The EC2 state-change event the guide filters throughout. */
  private static final String EC2 =
      """
      {"version": "0", "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
       "detail-type": "EC2 Instance State-change Notification", "source": "aws.ec2",
       "account": "111122223333", "time": "2017-12-22T18:43:48Z", "region": "us-west-1",
       "resources": ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
       "detail": {"instance-id": "i-1234567890abcdef0", "state": "terminated"}}
      """;

  /** The guide's numeric and null-value example. */
  private static final String COUNTS =
      """
      {"source": "com.mycompany.myapp",
       "detail": {"c-count": 5, "d-count": 3, "x-limit": 301.8, "eventVersion": "",
                  "responseElements": null, "sourceIPAddress": "10.0.0.123",
                  "FileName": "image.png", "filePath": "/usr/lib/libc.so"}}
      """;

  /** The guide's array example: several resources, any of which may match. */
  private static final String RESOURCES =
      """
      {"resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f",
                     "arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f",
                     "arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f"],
       "EventBusArn": "arn:aws:events:us-east-1:123456789012:event-bus/my-bus"}
      """;

  /** A Herald event as a webhook receives it. */
  private static final String HERALD =
      """
      {"event_id": "0190a5e8-1c2b-7f00-8000-000000000001", "event_type": "order.created",
       "realm_id": "acme", "subject": {"type": "order", "id": "o-1"},
       "actor": {"type": "ACTOR_TYPE_USER", "id": "u-7", "client_id": "web-app"},
       "payload": {"total": 1250.5, "currency": "EUR", "email": "qa@test.example",
                   "lines": [{"sku": "A-1", "qty": 2}, {"sku": "B-9", "qty": 1}],
                   "tags": ["gift", "express"]}}
      """;

  static Stream<Arguments> cases() {
    return Stream.of(
        // Exact values, lists of alternatives (OR within a field, AND across fields).
        row("exact source", EC2, "{\"source\": [\"aws.ec2\"]}", true),
        row("exact source, other value", EC2, "{\"source\": [\"aws.s3\"]}", false),
        row(
            "source and detail-type",
            EC2,
            "{\"source\": [\"aws.ec2\"], \"detail-type\": [\"EC2 Instance State-change Notification\"]}",
            true),
        row("nested exact", EC2, "{\"detail\": {\"state\": [\"terminated\"]}}", true),
        row("alternatives", EC2, "{\"detail\": {\"state\": [\"running\", \"terminated\"]}}", true),
        row(
            "alternatives, none",
            EC2,
            "{\"detail\": {\"state\": [\"running\", \"stopped\"]}}",
            false),
        row(
            "all fields must match",
            EC2,
            "{\"source\": [\"aws.ec2\"], \"region\": [\"eu-west-1\"]}",
            false),
        row("missing field does not match", EC2, "{\"detail\": {\"missing\": [\"x\"]}}", false),
        row("match is case-sensitive", EC2, "{\"source\": [\"AWS.EC2\"]}", false),
        row("null value", COUNTS, "{\"detail\": {\"responseElements\": [null]}}", true),
        row("empty string value", COUNTS, "{\"detail\": {\"eventVersion\": [\"\"]}}", true),
        row("number value", COUNTS, "{\"detail\": {\"c-count\": [5]}}", true),
        // Arrays in the event: a pattern value matches when any element does.
        row(
            "array element",
            RESOURCES,
            "{\"resources\": [\"arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f\"]}",
            true),
        row(
            "array, several candidates, one present",
            RESOURCES,
            "{\"resources\": [\"arn:aws:ec2:us-east-1:999999999999:instance/i-b188560f\", \"arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f\"]}",
            true),
        row(
            "array, no element",
            RESOURCES,
            "{\"resources\": [\"arn:aws:ec2:us-east-1:999999999999:instance/i-b188560f\"]}",
            false),
        // prefix and suffix.
        row("prefix", EC2, "{\"time\": [{\"prefix\": \"2017-12-22\"}]}", true),
        row("prefix, other", EC2, "{\"time\": [{\"prefix\": \"2017-10-02\"}]}", false),
        row(
            "prefix ignoring case",
            EC2,
            "{\"detail-type\": [{\"prefix\": {\"equals-ignore-case\": \"ec2 instance\"}}]}",
            true),
        row("suffix", COUNTS, "{\"detail\": {\"FileName\": [{\"suffix\": \".png\"}]}}", true),
        row(
            "suffix, other",
            COUNTS,
            "{\"detail\": {\"FileName\": [{\"suffix\": \".jpg\"}]}}",
            false),
        row(
            "suffix ignoring case",
            COUNTS,
            "{\"detail\": {\"FileName\": [{\"suffix\": {\"equals-ignore-case\": \".PNG\"}}]}}",
            true),
        // anything-but: values, lists, numbers, prefix, suffix, wildcard.
        row(
            "anything-but value",
            EC2,
            "{\"detail\": {\"state\": [{\"anything-but\": \"initializing\"}]}}",
            true),
        row(
            "anything-but the value itself",
            EC2,
            "{\"detail\": {\"state\": [{\"anything-but\": \"terminated\"}]}}",
            false),
        row(
            "anything-but list",
            EC2,
            "{\"detail\": {\"state\": [{\"anything-but\": [\"stopped\", \"overloaded\"]}]}}",
            true),
        row(
            "anything-but list containing the value",
            EC2,
            "{\"detail\": {\"state\": [{\"anything-but\": [\"stopped\", \"terminated\"]}]}}",
            false),
        row(
            "anything-but number",
            COUNTS,
            "{\"detail\": {\"c-count\": [{\"anything-but\": 100}]}}",
            true),
        row(
            "anything-but the number",
            COUNTS,
            "{\"detail\": {\"c-count\": [{\"anything-but\": 5}]}}",
            false),
        row(
            "anything-but prefix",
            EC2,
            "{\"detail\": {\"state\": [{\"anything-but\": {\"prefix\": \"init\"}}]}}",
            true),
        row(
            "anything-but prefix that is there",
            EC2,
            "{\"detail\": {\"state\": [{\"anything-but\": {\"prefix\": \"term\"}}]}}",
            false),
        row(
            "anything-but suffix",
            EC2,
            "{\"detail\": {\"instance-id\": [{\"anything-but\": {\"suffix\": \"1234\"}}]}}",
            true),
        row(
            "anything-but wildcard",
            COUNTS,
            "{\"detail\": {\"filePath\": [{\"anything-but\": {\"wildcard\": \"*/lib/*\"}}]}}",
            false),
        row(
            "anything-but ignoring case",
            EC2,
            "{\"detail\": {\"state\": [{\"anything-but\": {\"equals-ignore-case\": [\"TERMINATED\"]}}]}}",
            false),
        // numeric ranges.
        row(
            "numeric ranges on three fields",
            COUNTS,
            "{\"detail\": {\"c-count\": [{\"numeric\": [\">\", 0, \"<=\", 5]}], \"d-count\": [{\"numeric\": [\"<\", 10]}], \"x-limit\": [{\"numeric\": [\"=\", 3.018e2]}]}}",
            true),
        row(
            "numeric below range",
            COUNTS,
            "{\"detail\": {\"c-count\": [{\"numeric\": [\">\", 5]}]}}",
            false),
        row(
            "numeric on a string",
            EC2,
            "{\"detail\": {\"state\": [{\"numeric\": [\">\", 0]}]}}",
            false),
        // exists.
        row("exists true", EC2, "{\"detail\": {\"state\": [{\"exists\": true}]}}", true),
        row(
            "exists false on a present field",
            EC2,
            "{\"detail\": {\"state\": [{\"exists\": false}]}}",
            false),
        row(
            "exists false on an absent field",
            EC2,
            "{\"detail\": {\"reason\": [{\"exists\": false}]}}",
            true),
        // equals-ignore-case.
        row(
            "equals-ignore-case",
            EC2,
            "{\"detail-type\": [{\"equals-ignore-case\": \"ec2 instance state-change notification\"}]}",
            true),
        row(
            "equals-ignore-case, other",
            EC2,
            "{\"source\": [{\"equals-ignore-case\": \"AWS.S3\"}]}",
            false),
        // wildcard.
        row(
            "wildcard",
            RESOURCES,
            "{\"EventBusArn\": [{\"wildcard\": \"arn:aws:events:us-east-1:*:event-bus/*\"}]}",
            true),
        row(
            "wildcard, other region",
            RESOURCES,
            "{\"EventBusArn\": [{\"wildcard\": \"arn:aws:events:eu-west-1:*:event-bus/*\"}]}",
            false),
        row(
            "wildcard in a file path",
            COUNTS,
            "{\"detail\": {\"filePath\": [{\"wildcard\": \"*/lib/*\"}]}}",
            true),
        // cidr.
        row(
            "cidr",
            COUNTS,
            "{\"detail\": {\"sourceIPAddress\": [{\"cidr\": \"10.0.0.0/24\"}]}}",
            true),
        row(
            "cidr, outside",
            COUNTS,
            "{\"detail\": {\"sourceIPAddress\": [{\"cidr\": \"10.0.1.0/24\"}]}}",
            false),
        // $or.
        row(
            "$or across fields",
            COUNTS,
            "{\"detail\": {\"$or\": [{\"c-count\": [{\"numeric\": [\">\", 10]}]}, {\"d-count\": [{\"numeric\": [\"<\", 10]}]}]}}",
            true),
        row(
            "$or, no alternative",
            COUNTS,
            "{\"detail\": {\"$or\": [{\"c-count\": [{\"numeric\": [\">\", 10]}]}, {\"x-limit\": [{\"numeric\": [\"<\", 10]}]}]}}",
            false),
        row(
            "$or at the top, with a common field",
            EC2,
            "{\"source\": [\"aws.ec2\"], \"$or\": [{\"region\": [\"us-west-1\"]}, {\"detail\": {\"state\": [\"running\"]}}]}",
            true),
        // Herald events: the rules users write.
        row(
            "orders over 1000",
            HERALD,
            "{\"payload\": {\"total\": [{\"numeric\": [\">\", 1000]}]}}",
            true),
        row(
            "orders over 2000",
            HERALD,
            "{\"payload\": {\"total\": [{\"numeric\": [\">\", 2000]}]}}",
            false),
        row("users of client web-app", HERALD, "{\"actor\": {\"client_id\": [\"web-app\"]}}", true),
        row(
            "not test accounts",
            HERALD,
            "{\"payload\": {\"email\": [{\"anything-but\": {\"suffix\": \"@test.example\"}}]}}",
            false),
        row(
            "an element of an array of objects",
            HERALD,
            "{\"payload\": {\"lines\": {\"sku\": [\"B-9\"]}}}",
            true),
        row(
            "fields of one array element together",
            HERALD,
            "{\"payload\": {\"lines\": {\"sku\": [\"B-9\"], \"qty\": [2]}}}",
            false),
        row("a string in an array", HERALD, "{\"payload\": {\"tags\": [\"express\"]}}", true));
  }

  private static Arguments row(String name, String event, String pattern, boolean matches) {
    return Arguments.of(name, event, pattern, matches);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesAsEventBridgeDocuments(String name, String event, String pattern, boolean matches) {
    ContentPattern parsed = ContentPattern.parse(pattern);
    ContentMatcher<String> matcher = ContentMatcher.of(Map.of("rule", parsed));

    assertThat(matcher.matching(JsonTrees.parse(event)))
        .as("%s: %s on %s", name, pattern, event)
        .isEqualTo(matches ? List.of("rule") : List.of());
  }

  @Test
  void oneMatcherAnswersForEveryPatternAtOnce() {
    ContentMatcher<Integer> matcher =
        ContentMatcher.of(
            Map.of(
                1,
                    ContentPattern.parse(
                        "{\"payload\": {\"total\": [{\"numeric\": [\">\", 1000]}]}}"),
                2, ContentPattern.parse("{\"realm_id\": [\"other\"]}"),
                3, ContentPattern.parse("{\"payload\": {\"currency\": [\"EUR\", \"USD\"]}}")));

    assertThat(matcher.matching(JsonTrees.parse(HERALD))).containsExactlyInAnyOrder(1, 3);
  }

  static Stream<Arguments> badPatterns() {
    return Stream.of(
        Arguments.of(
            "{\"payload\": {\"total\": [{\"numeric\": [\">\", \"x\"]}]}}", "payload.total: "),
        Arguments.of(
            "{\"payload\": {\"total\": 5}}",
            "payload.total: a number (expected: an object or an array"),
        Arguments.of(
            "{\"payload\": {\"sku\": [{\"prefix\": 1}]}}",
            "payload.sku: prefix match pattern must be a string"),
        Arguments.of("{\"realm_id\": [{\"bogus\": 1}]}", "realm_id: Unrecognized match type bogus"),
        Arguments.of("{\"a\": [{\"wildcard\": \"a**b\"}]}", "a: Consecutive wildcard characters"),
        Arguments.of("{\"$or\": [{\"a\": [1]}]}", "$or: expected an array of at least 2 objects"),
        Arguments.of(
            "{\"detail\": {\"$or\": [{\"a\": [1]}, {\"b\": [{\"exists\": \"yes\"}]}]}}",
            "detail.$or[1].b: "),
        Arguments.of("{\"a\": []}", "a: empty array"),
        Arguments.of("{}", "expected a non-empty JSON object"),
        Arguments.of("[1]", "expected a non-empty JSON object"),
        Arguments.of("{\"a\": [", "not JSON"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badPatterns")
  void aBadPatternIsRefusedNamingThePathInsideIt(String pattern, String message) {
    assertThatThrownBy(() -> ContentPattern.parse(pattern))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void theErrorReadsFromTheFieldThatHoldsThePattern() {
    InvalidRuleException e =
        (InvalidRuleException)
            catchThrowable(() -> ContentPattern.parse("{\"payload\": {\"total\": \"x\"}}"));

    assertThat(e.messageFor("subscriptions[0].content_pattern"))
        .startsWith("subscriptions[0].content_pattern.payload.total: a string");
  }

  @Test
  void jsonErrorsSayWhereWithoutTheParsersInternals() {
    assertThatThrownBy(() -> ContentPattern.parse("{\"realm_id\": ["))
        .hasMessage(
            "not JSON (Unexpected end-of-input: expected close marker for Array"
                + " (start marker at line: 1, column: 14))");
  }

  @Test
  void patternsAreKeptInOneCanonicalForm() {
    assertThat(ContentPattern.parse("{ \"a\" : [ 1 ] }"))
        .isEqualTo(ContentPattern.parse("{\"a\":[1]}"))
        .hasToString("{\"a\":[1]}");
  }

  private static Throwable catchThrowable(Runnable action) {
    return org.assertj.core.api.Assertions.catchThrowable(action::run);
  }
}
