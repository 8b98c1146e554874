package dev.herald.bench;

import dev.herald.core.envelope.EnvelopeJson;
import dev.herald.proto.event.v1.EventEnvelope;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * A library a user would otherwise pick to deliver webhooks, set up to do Herald's work: per event
 * one signed POST to the bench receiver and one attempt log row in the same database as its queue.
 */
interface Peer extends AutoCloseable {

  /** Renders each event as Herald's webhook body. */
  EnvelopeJson BODY = EnvelopeJson.withoutTypedPayloads();

  /** Schedules one delivery per event; returns once every one is durably enqueued. */
  void enqueue(List<EventEnvelope> events) throws Exception;

  /** Returns the query counting deliveries still on the peer's own queue (not completed there). */
  String pendingQuery();

  /** Returns the database the peer's queue and attempt log are in. */
  DataSource dataSource();

  @Override
  void close();

  /**
   * Enqueues {@code events} and waits until the receiver has answered each and every attempt is
   * logged and off the peer's queue; returns deliveries per second, enqueueing included, as
   * Herald's rate counts from the first publish, and adds the answers beyond one per event to
   * {@code duplicates}.
   */
  default double deliver(List<EventEnvelope> events, Receiver receiver, List<Long> duplicates)
      throws Exception {
    int count = events.size();
    receiver.reset(false);
    long start = System.nanoTime();
    enqueue(events);
    receiver.awaitAnswered(count, Duration.ofMinutes(5));
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (AttemptLog.count(dataSource()) < count || pending() > 0) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "peer: "
                + AttemptLog.count(dataSource())
                + " attempts logged and "
                + pending()
                + " pending after the receiver answered all (expected: "
                + count
                + " and 0)");
      }
      LockSupport.parkNanos(10_000_000); // the same 10 ms as Herald's awaitSucceeded
    }
    double perSecond = count * 1e9 / (System.nanoTime() - start);
    duplicates.add(receiver.answered() - count);
    return perSecond;
  }

  /** Returns how many deliveries are still on the peer's own queue. */
  default long pending() throws SQLException {
    return PeerDatabase.count(dataSource(), pendingQuery());
  }

  /** Returns the version of a library on the classpath, from its jar's Maven metadata. */
  static String version(String groupId, String artifactId) {
    String resource = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
    try (InputStream in = Peer.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return "(version unknown)";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "(version unknown)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
