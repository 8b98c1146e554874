package dev.herald.core.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTypePatternTest {

  @Test
  void exactPatternMatchesOnlyThatType() {
    EventTypePattern pattern = EventTypePattern.parse("user.created");

    assertThat(pattern.matches("user.created")).isTrue();
    assertThat(pattern.matches("user.created.v2")).isFalse();
    assertThat(pattern.matches("user.create")).isFalse();
    assertThat(pattern.matches("user")).isFalse();
  }

  @Test
  void prefixWildcardMatchesEveryTypeUnderThePrefix() {
    EventTypePattern pattern = EventTypePattern.parse("user.*");

    assertThat(pattern.matches("user.created")).isTrue();
    assertThat(pattern.matches("user.role.assigned")).isTrue();
    assertThat(pattern.matches("users.created")).isFalse();
    assertThat(pattern.matches("user")).isFalse();
    assertThat(pattern.matches("group.created")).isFalse();
  }

  @Test
  void starMatchesEveryType() {
    EventTypePattern pattern = EventTypePattern.parse("*");

    assertThat(pattern.matches("user.created")).isTrue();
    assertThat(pattern.matches("role.permission.added")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"user*", "*.created", "User.*", "user.", "user..*", "**", "user.*.created"})
  void rejectsMalformedPatternsNamingThem(String text) {
    assertThatThrownBy(() -> EventTypePattern.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "event type pattern: '"
                + text
                + "' (expected: an event type like user.created of at most 128 characters,"
                + " a prefix wildcard like user.*, or *)");
  }

  @Test
  void rejectsEmptyPattern() {
    assertThatThrownBy(() -> EventTypePattern.parse(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("event type pattern: empty (expected: ");
  }

  @Test
  void keepsTheTextAndComparesByIt() {
    EventTypePattern pattern = EventTypePattern.parse("user.*");

    assertThat(pattern.text()).isEqualTo("user.*");
    assertThat(pattern).hasToString("user.*").isEqualTo(EventTypePattern.parse("user.*"));
    assertThat(pattern).isNotEqualTo(EventTypePattern.parse("user.created"));
  }
}
