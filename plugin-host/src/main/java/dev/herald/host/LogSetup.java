package dev.herald.host;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import dev.herald.host.config.LoggingConfig;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * Applies the config file's {@code logging} section to Logback at start: the root level and, for
 * {@code json}, one JSON object per line (Logstash's encoder: timestamp, level, logger, thread,
 * message, stack trace, and the key-value pairs such as {@code event_id} and {@code target} as
 * fields). Text lines keep the pattern of {@code logback.xml}.
 */
public final class LogSetup {

  private static final String APPENDER = "STDERR";

  private LogSetup() {}

  /** Applies {@code logging} to the process's Logback configuration, writing to standard error. */
  public static void apply(LoggingConfig logging) {
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setTarget("System.err");
    apply((LoggerContext) LoggerFactory.getILoggerFactory(), logging, console);
  }

  /**
   * Applies {@code logging} to {@code context}: its root level and, for JSON, {@code jsonOutput}
   * with Logstash's encoder in place of the root's appenders.
   */
  static void apply(
      LoggerContext context,
      LoggingConfig logging,
      OutputStreamAppender<ILoggingEvent> jsonOutput) {
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(logging.level().name()));
    if (logging.format() != LoggingConfig.Format.JSON) {
      return;
    }
    LogstashEncoder encoder = new LogstashEncoder();
    encoder.setContext(context);
    encoder.start();
    jsonOutput.setName(APPENDER);
    jsonOutput.setContext(context);
    jsonOutput.setEncoder(encoder);
    jsonOutput.start();
    root.detachAndStopAllAppenders();
    root.addAppender(jsonOutput);
  }
}
