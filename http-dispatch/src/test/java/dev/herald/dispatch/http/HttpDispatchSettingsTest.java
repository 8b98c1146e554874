package dev.herald.dispatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpDispatchSettingsTest {

  @Test
  void defaultsMatchTheDesign() {
    HttpDispatchSettings settings = HttpDispatchSettings.ofDefaults();

    assertThat(settings.excerptBytes()).isEqualTo(1024);
    assertThat(settings.maxResponseBytes()).isEqualTo(64 * 1024);
    assertThat(settings.maxRetryAfter()).isEqualTo(Duration.ofHours(24));
    assertThat(settings.userAgent()).matches("Herald/\\d+\\.\\d+\\.\\d+.*");
  }

  @Test
  void badValuesNameTheirKey() {
    HttpDispatchSettings defaults = HttpDispatchSettings.ofDefaults();

    assertThatThrownBy(() -> defaults.withExcerptBytes(-1))
        .hasMessage("excerptBytes: -1 (expected: >= 0)");
    assertThatThrownBy(() -> defaults.withMaxResponseBytes(10))
        .hasMessage("maxResponseBytes: 10 (expected: >= excerptBytes 1024)");
    assertThatThrownBy(() -> defaults.withMaxRetryAfter(Duration.ofSeconds(-1)))
        .hasMessage("maxRetryAfter: PT-1S (expected: >= 0)");
    assertThatThrownBy(() -> defaults.withUserAgent("Herald\r\nX: y"))
        .hasMessageStartingWith("userAgent: ");
  }
}
