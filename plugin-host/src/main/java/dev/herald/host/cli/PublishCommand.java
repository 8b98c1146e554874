package dev.herald.host.cli;

import dev.herald.core.Stores;
import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.core.outbox.TransactionalOutbox;
import dev.herald.core.store.Database;
import dev.herald.host.DatabaseOpener;
import dev.herald.host.HeraldServer;
import dev.herald.host.config.HeraldConfig;
import dev.herald.proto.event.v1.EventEnvelope;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Appends events to the outbox of the configured database, in batches; a running {@code serve}
 * (this or another process) picks them up on its next poll. Prints each event id once committed.
 */
@Command(
    name = "publish",
    description = "Append events to the outbox; prints each event id once stored.")
final class PublishCommand implements Callable<Integer> {

  private static final int BATCH = 100;

  @Mixin ConfigOption config;

  @Spec CommandSpec spec;

  @Option(names = "--type", required = true, description = "Event type, e.g. user.created.")
  String type;

  @Option(
      names = "--data",
      defaultValue = "{}",
      description =
          "JSON payload (default: {}); for a catalogue type such as user.created, the JSON form"
              + " of its message, e.g. {\"user_id\":\"u1\"}.")
  String data;

  @Option(names = "--realm", defaultValue = "", description = "Realm (tenant) of the events.")
  String realm;

  @Option(names = "--count", defaultValue = "1", description = "How many events (default: 1).")
  int count;

  @Override
  public Integer call() {
    if (count < 1) {
      throw new IllegalArgumentException("--count: " + count + " (expected: >= 1)");
    }
    HeraldConfig heraldConfig = config.load();
    Clock clock = Clock.systemUTC();
    EnvelopeFactory events =
        new EnvelopeFactory(clock, new SecureRandom(), heraldConfig.events().source().toString());
    PrintWriter out = spec.commandLine().getOut();
    try (Database database = DatabaseOpener.open(heraldConfig.database())) {
      TransactionalOutbox outbox =
          new TransactionalOutbox(
              database,
              Stores.of(database).outbox(),
              HeraldServer.validator(heraldConfig, clock)::validate,
              clock,
              () -> {});
      for (int done = 0; done < count; done += BATCH) {
        List<EventEnvelope> batch = new ArrayList<>();
        for (int i = done; i < Math.min(count, done + BATCH); i++) {
          // A type of the catalogue gets its typed payload, parsed from --data.
          batch.add(HeraldServer.payloadTypes().withTypedPayload(events.json(type, realm, data)));
        }
        outbox.inTransaction(
            (tx, appender) -> {
              batch.forEach(appender::append);
              return null;
            });
        batch.forEach(event -> out.println(event.getEventId()));
        out.flush();
      }
    }
    return 0;
  }
}
