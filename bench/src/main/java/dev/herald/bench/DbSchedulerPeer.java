package dev.herald.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.herald.proto.event.v1.EventEnvelope;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Peer: kagkarlsson's db-scheduler with one one-time task per event, whose data is the webhook body
 * and whose {@code execute} POSTs it signed, blocking its worker thread, and logs the attempt on a
 * connection of the same pool. A failed POST throws, so db-scheduler retries it later.
 */
final class DbSchedulerPeer implements Peer {

  /** Worker threads: as many POSTs at once as Herald's endpoint max_in_flight allows. */
  static final int THREADS = BenchServer.ENDPOINT_MAX_IN_FLIGHT;

  /** The polling interval; Herald's poll_interval in the bench is the same 1 s. */
  static final Duration POLLING_INTERVAL = Duration.ofSeconds(1);

  static final String VERSION = Peer.version("com.github.kagkarlsson", "db-scheduler");

  private final DataSource dataSource;
  private final OneTimeTask<String> task;
  private final Scheduler scheduler;

  /** How the scheduler takes due executions from its table. */
  enum Polling {
    /** db-scheduler's default: select due rows, then claim each with an optimistic update. */
    FETCH,
    /** One {@code SELECT ... FOR UPDATE SKIP LOCKED} that claims a batch (PostgreSQL). */
    LOCK_AND_FETCH
  }

  private DbSchedulerPeer(DataSource dataSource, SignedPost post, Polling polling) {
    this.dataSource = dataSource;
    this.task =
        Tasks.oneTime("webhook", String.class)
            .execute(
                (instance, context) -> {
                  SignedPost.Answer answer = post.send(instance.getId(), instance.getData());
                  try (Connection connection = dataSource.getConnection()) {
                    AttemptLog.insert(
                        connection,
                        instance.getId(),
                        context.getExecution().consecutiveFailures + 1,
                        answer);
                  } catch (SQLException e) {
                    throw new IllegalStateException("cannot log the attempt", e);
                  }
                  if (answer.status() != 200) {
                    throw new IllegalStateException("receiver answered " + answer.status());
                  }
                });
    SchedulerBuilder builder =
        Scheduler.create(dataSource, task)
            .threads(THREADS)
            .pollingInterval(POLLING_INTERVAL)
            .enableImmediateExecution();
    if (polling == Polling.LOCK_AND_FETCH) {
      builder.pollUsingLockAndFetch(0.5, 1.0); // db-scheduler's documented values
    }
    this.scheduler = builder.build();
  }

  /** Starts a scheduler on {@code dataSource}, whose tables exist already. */
  static DbSchedulerPeer start(DataSource dataSource, SignedPost post, Polling polling) {
    DbSchedulerPeer peer = new DbSchedulerPeer(dataSource, post, polling);
    peer.scheduler.start();
    return peer;
  }

  @Override
  public void enqueue(List<EventEnvelope> events) {
    List<TaskInstance<?>> instances = new ArrayList<>(events.size());
    for (EventEnvelope event : events) {
      instances.add(task.instance(event.getEventId(), BODY.render(event)));
    }
    // Batched as its API allows: one call, db-scheduler splits it into JDBC batches.
    scheduler.scheduleBatch(instances, Instant.now());
  }

  @Override
  public String pendingQuery() {
    return "SELECT COUNT(*) FROM scheduled_tasks";
  }

  @Override
  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() {
    scheduler.stop();
  }
}
