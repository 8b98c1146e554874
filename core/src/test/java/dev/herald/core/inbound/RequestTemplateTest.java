package dev.herald.core.inbound;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestTemplateTest {

  private static final RequestTemplate GITHUB =
      RequestTemplate.parse("github.{header:X-GitHub-Event}.{body:action}");

  private static Optional<String> render(
      RequestTemplate template, Map<String, String> headers, String body) {
    return template.render(
        InboundHeaders.of(headers), JsonBody.values(body.getBytes(UTF_8), template.bodyPaths()));
  }

  @Test
  void dropsAMissingPartWithItsDot() {
    assertThat(render(GITHUB, Map.of("x-github-event", "push"), "{\"ref\":\"main\"}"))
        .contains("github.push");
    assertThat(
            render(GITHUB, Map.of("X-GitHub-Event", "issues"), "{\"action\":\"opened\",\"x\":[1]}"))
        .contains("github.issues.opened");
  }

  @Test
  void readsNestedFieldsButNotObjectsArraysOrNulls() {
    RequestTemplate template =
        RequestTemplate.parse("{body:data.object.status}.{body:list}.{body:gone}");
    assertThat(
            render(
                template,
                Map.of(),
                "{\"list\":[{\"data\":1}],\"gone\":null,\"data\":{\"object\":{\"status\":\"paid\"}}}"))
        .contains("paid");
    assertThat(render(RequestTemplate.parse("{body:type}"), Map.of(), "{\"type\":{}}")).isEmpty();
  }

  @Test
  void keepsDotsInsideAValue() {
    assertThat(
            render(
                RequestTemplate.parse("stripe.{body:type}"),
                Map.of(),
                "{\"type\":\"customer.subscription.created\"}"))
        .contains("stripe.customer.subscription.created");
  }

  @Test
  void refusesMalformedTemplatesSayingWhy() {
    assertThatThrownBy(() -> RequestTemplate.parse("a.{query:x}"))
        .hasMessageContaining("'{query:x}'")
        .hasMessageContaining("expected:");
    assertThatThrownBy(() -> RequestTemplate.parse("a.{body:x")).hasMessageContaining("unclosed");
    assertThatThrownBy(() -> RequestTemplate.parse("")).hasMessageContaining("nothing");
  }

  @Test
  void invalidJsonIsRefused() {
    for (String body : new String[] {"", "{", "{\"a\":1} {}", "not json", "{\"a\":}"}) {
      assertThatThrownBy(() -> JsonBody.values(body.getBytes(UTF_8), java.util.Set.of("a")))
          .isInstanceOfSatisfying(
              InboundRefusal.class,
              e -> assertThat(e.reason()).isEqualTo(InboundRefusal.Reason.INVALID_JSON));
    }
  }
}
