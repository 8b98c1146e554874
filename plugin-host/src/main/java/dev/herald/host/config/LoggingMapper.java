package dev.herald.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Maps the {@code logging} section: format and level. */
final class LoggingMapper {

  private LoggingMapper() {}

  /** Returns the logging configuration; problems name each bad key. */
  static LoggingConfig map(YamlMapping yaml) {
    LoggingConfig defaults = LoggingConfig.ofDefaults();
    LoggingConfig config =
        new LoggingConfig(
            yaml.get(
                "format", node -> constant(node, LoggingConfig.Format.class), defaults.format()),
            yaml.get("level", node -> constant(node, LoggingConfig.Level.class), defaults.level()));
    yaml.rejectUnknownKeys();
    return config;
  }

  /** Reads one of an enum's constants, written in lower case ({@code json}, {@code warn}). */
  private static <E extends Enum<E>> E constant(JsonNode node, Class<E> type) {
    String text = Scalars.text().read(node);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().toLowerCase(Locale.ROOT).equals(text)) {
        return constant;
      }
    }
    throw Scalars.expected(
        node,
        Arrays.stream(type.getEnumConstants())
            .map(constant -> constant.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", ", "one of ", "")));
  }
}
