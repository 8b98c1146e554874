package dev.herald.core.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BodyTransformTest {

  private static final String PUSH =
      """
      {"event_type": "github.push", "payload": {"ref": "refs/heads/main",
        "repository": {"full_name": "acme/api"}, "pusher": {"name": "ada"},
        "commits": [{"id": "c1", "message": "fix"}, {"id": "c2", "message": "feat"}]}}
      """;

  @Test
  void reshapesTheEventIntoTheBody() {
    BodyTransform transform =
        BodyTransform.parse(
            "{repo: payload.repository.full_name, by: payload.pusher.name,"
                + " commits: payload.commits[].id}");

    assertThat(JsonTrees.text(transform.apply(JsonTrees.parse(PUSH))))
        .isEqualTo("{\"repo\":\"acme/api\",\"by\":\"ada\",\"commits\":[\"c1\",\"c2\"]}");
  }

  @Test
  void anExpressionSelectingNothingGivesNull() {
    assertThat(BodyTransform.parse("payload.nothing").apply(JsonTrees.parse(PUSH)).isNull())
        .isTrue();
  }

  @Test
  void aBadExpressionIsRefusedWhenParsedSayingWhere() {
    assertThatThrownBy(() -> BodyTransform.parse("{repo: payload.repository.}"))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessageContaining("not a JMESPath expression")
        .hasMessageContaining("position");
    assertThatThrownBy(() -> BodyTransform.parse(" "))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void anExpressionFailingOnAnEventSaysWhy() {
    BodyTransform transform = BodyTransform.parse("abs(payload.ref)");

    assertThatThrownBy(() -> transform.apply(JsonTrees.parse(PUSH)))
        .isInstanceOf(TransformFailedException.class)
        .hasMessageContaining("abs(payload.ref)")
        .hasMessageContaining("failed on this event");
  }
}
