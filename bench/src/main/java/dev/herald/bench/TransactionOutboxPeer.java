package dev.herald.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.gruelbox.transactionoutbox.Dialect;
import com.gruelbox.transactionoutbox.Instantiator;
import com.gruelbox.transactionoutbox.Persistor;
import com.gruelbox.transactionoutbox.Submitter;
import com.gruelbox.transactionoutbox.ThreadLocalContextTransactionManager;
import com.gruelbox.transactionoutbox.TransactionManager;
import com.gruelbox.transactionoutbox.TransactionOutbox;
import dev.herald.proto.event.v1.EventEnvelope;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * Peer: gruelbox's transaction-outbox on PostgreSQL, plain JDBC (no Spring). Each event is a {@link
 * WebhookCall} scheduled in a transaction of {@link #EVENTS_PER_TRANSACTION}; after commit the
 * library hands each entry to its executor, which locks the entry, POSTs, logs the attempt on the
 * same transaction's connection and deletes the entry in that transaction.
 */
final class TransactionOutboxPeer implements Peer {

  /** Executor threads: as many POSTs at once as Herald's endpoint max_in_flight allows. */
  static final int THREADS = BenchServer.ENDPOINT_MAX_IN_FLIGHT;

  /** Events scheduled per transaction, as Herald's bus batches its outbox appends. */
  static final int EVENTS_PER_TRANSACTION = 100;

  static final String VERSION = Peer.version("com.gruelbox", "transactionoutbox-core");

  private final DataSource dataSource;
  private final ThreadLocalContextTransactionManager transactions;
  private final ExecutorService executor;
  private final TransactionOutbox outbox;

  private TransactionOutboxPeer(DataSource dataSource, SignedPost post) {
    // It logs every entry processed at INFO; Herald logs nothing per delivery.
    ((Logger) LoggerFactory.getLogger("com.gruelbox.transactionoutbox")).setLevel(Level.WARN);
    this.dataSource = dataSource;
    this.transactions = TransactionManager.fromDataSource(dataSource);
    // Its default executor runs one thread; a user would size it to the endpoint.
    this.executor = Executors.newFixedThreadPool(THREADS);
    WebhookCall call =
        (webhookId, body) -> {
          SignedPost.Answer answer = post.send(webhookId, body);
          // The entry does not say which attempt it is; the receiver never fails here.
          transactions.requireTransaction(
              tx -> AttemptLog.insert(tx.connection(), webhookId, 1, answer));
          if (answer.status() != 200) {
            throw new IllegalStateException("receiver answered " + answer.status());
          }
        };
    this.outbox =
        TransactionOutbox.builder()
            .transactionManager(transactions)
            .persistor(Persistor.forDialect(Dialect.POSTGRESQL_9))
            .instantiator(Instantiator.using(type -> call))
            .submitter(Submitter.withExecutor(executor))
            .build(); // creates its tables (its own migrations)
  }

  /** Returns the peer on {@code dataSource}, where the attempt log table exists already. */
  static TransactionOutboxPeer start(DataSource dataSource, SignedPost post) {
    return new TransactionOutboxPeer(dataSource, post);
  }

  @Override
  public void enqueue(List<EventEnvelope> events) {
    for (int from = 0; from < events.size(); from += EVENTS_PER_TRANSACTION) {
      List<EventEnvelope> batch =
          events.subList(from, Math.min(events.size(), from + EVENTS_PER_TRANSACTION));
      transactions.inTransaction(
          () -> {
            for (EventEnvelope event : batch) {
              try {
                outbox.schedule(WebhookCall.class).send(event.getEventId(), BODY.render(event));
              } catch (Exception e) {
                throw new IllegalStateException("cannot schedule " + event.getEventId(), e);
              }
            }
          });
    }
  }

  @Override
  public String pendingQuery() {
    return "SELECT COUNT(*) FROM txno_outbox WHERE NOT processed";
  }

  @Override
  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
