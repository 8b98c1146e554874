package dev.herald.host;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.core.logging.LogKeys;
import dev.herald.host.config.LoggingConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The logging section applied to a Logback context of the test's own, written to a buffer. */
class LogSetupTest {

  private final LoggerContext context = started();

  private static LoggerContext started() {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter()); // as Logback's own start-up does
    context.start();
    return context;
  }

  private final ByteArrayOutputStream written = new ByteArrayOutputStream();

  private List<JsonNode> lines() throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new java.util.ArrayList<>();
    for (String line : written.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        lines.add(json.readTree(line));
      }
    }
    return lines;
  }

  private OutputStreamAppender<ILoggingEvent> buffer() {
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setOutputStream(written);
    return appender;
  }

  @Test
  void jsonLinesCarryTheKeyValuePairsAsFieldsFromTheConfiguredLevelUp() throws Exception {
    LogSetup.apply(
        context, new LoggingConfig(LoggingConfig.Format.JSON, LoggingConfig.Level.WARN), buffer());
    Logger log = context.getLogger("dev.herald.test");

    log.info("not written below warn");
    log.atWarn()
        .addKeyValue(LogKeys.TARGET, "webhook:billing")
        .addKeyValue(LogKeys.DELIVERY_ID, 42L)
        .addKeyValue(LogKeys.EVENT_ID, "0190a5e4-7c3b-7def-8a12-3456789abcde")
        .addKeyValue(LogKeys.REALM, "acme")
        .addKeyValue(LogKeys.CORRELATION_ID, "req-7")
        .log("Attempt {} failed", 3);

    List<JsonNode> lines = lines();
    assertThat(lines).hasSize(1);
    JsonNode line = lines.getFirst();
    assertThat(line.get("message").asText()).isEqualTo("Attempt 3 failed");
    assertThat(line.get("level").asText()).isEqualTo("WARN");
    assertThat(line.get("logger_name").asText()).isEqualTo("dev.herald.test");
    assertThat(line.has("@timestamp")).isTrue();
    assertThat(line.get("target").asText()).isEqualTo("webhook:billing");
    assertThat(line.get("delivery_id").asLong()).isEqualTo(42L);
    assertThat(line.get("event_id").asText()).isEqualTo("0190a5e4-7c3b-7def-8a12-3456789abcde");
    assertThat(line.get("realm").asText()).isEqualTo("acme");
    assertThat(line.get("correlation_id").asText()).isEqualTo("req-7");
  }

  @Test
  void textKeepsTheConfiguredAppendersAndSetsTheLevel() {
    LogSetup.apply(
        context, new LoggingConfig(LoggingConfig.Format.TEXT, LoggingConfig.Level.DEBUG), buffer());

    assertThat(context.getLogger("dev.herald.test").isDebugEnabled()).isTrue();
    assertThat(written.size()).as("the JSON appender is not used for text").isZero();
  }
}
