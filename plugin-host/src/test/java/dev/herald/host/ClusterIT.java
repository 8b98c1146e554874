package dev.herald.host;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.linecorp.armeria.common.HttpStatus;
import dev.herald.core.store.PostgresSettings;
import dev.herald.core.testing.TestPostgres;
import dev.herald.host.cli.HeraldCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster: three {@code herald serve} processes on one PostgreSQL database share the work, never
 * send a target more than its {@code max_in_flight} between them, and a node killed with SIGKILL
 * loses nothing: the others deliver what it held once its leases run out.
 *
 * <p>Herald stores no trace of which node made an attempt, so the test asks the receiver: it
 * records each request's source port, and Linux's {@code /proc} tells which child holds the
 * connection from that port.
 */
@EnabledOnOs(OS.LINUX)
class ClusterIT {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final int NODES = 3;
  private static final int MAX_IN_FLIGHT = 4;

  // Kept when a test fails: the nodes' logs are there.
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path folder;

  private Path config;
  private WebhookReceiver receiver;
  private final List<ChildHerald> nodes = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    // A slow receiver keeps attempts in flight, so that the limit has something to hold back. The
    // lease outlasts every attempt, even a cold node's first on a busy machine: another node takes
    // over an attempt that outlives its lease while it still runs, a repeat the limit cannot see.
    receiver =
        WebhookReceiver.start(SECRET, (path, id, attempt) -> HttpStatus.OK, Duration.ofMillis(20));
    PostgresSettings database = TestPostgres.freshDatabase();
    config = folder.resolve("herald.yaml");
    Files.writeString(
        config,
        """
        database:
          url: %s
          user: %s
        delivery:
          poll_interval: 100ms
          lease: 5s
        api:
          port: 0
        secrets:
          key_ref: %s
        network:
          allow: [127.0.0.1]            # the receiver runs on loopback
        webhooks:
          - id: sink
            url: %s
            secret: %s
            event_types: ['*']
            max_in_flight: %d
        """
            .formatted(
                database.url(),
                database.user(),
                TestHerald.KEY_REF,
                receiver.url("/sink"),
                SECRET,
                MAX_IN_FLIGHT));
  }

  @AfterEach
  void stop() throws InterruptedException {
    try {
      for (ChildHerald node : nodes) {
        node.close();
      }
    } finally {
      receiver.releaseAnswers();
      receiver.close();
    }
  }

  @Test
  void threeNodesShareTheWorkAndTheReceiverNeverSeesMoreThanItsLimit() throws Exception {
    startNodes();

    Set<String> accepted = new HashSet<>(publish(300));
    await().atMost(WAIT).until(() -> receiver.delivered("/sink").containsAll(accepted));

    assertThat(accepted).hasSize(300);
    assertThat(receiver.received())
        .as("each event delivered once, as nobody crashed")
        .hasSize(300)
        .allSatisfy(r -> assertThat(r.verified()).isTrue());
    assertThat(receiver.delivered("/sink")).containsExactlyInAnyOrderElementsOf(accepted);
    assertThat(receiver.maxConcurrent())
        .as("requests under way at once at the receiver, all nodes together")
        .isBetween(2, MAX_IN_FLIGHT);
    // A connection closed before this look-up leaves its requests unattributed, hence no total.
    assertThat(requestsByNode())
        .as("requests sent by each node (1-based)")
        .hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void killingANodeMidStreamLosesNothing() throws Exception {
    startNodes();

    Set<String> accepted = new HashSet<>(publish(300));
    await().atMost(WAIT).until(() -> receiver.delivered("/sink").size() >= 30);
    // Answers wait while a node is picked and killed, so that it dies with attempts under way:
    // requests the receiver has seen, whose answer never reaches their sender.
    receiver.holdAnswers();
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(10))
        .until(() -> !receiver.held().isEmpty());
    ChildHerald victim = nodeThatSent(receiver.held().getFirst());
    Set<Integer> victimPorts = victim.localPortsConnectedTo(receiver.port());
    victim.killHard();
    List<WebhookReceiver.Received> heldAtKill = receiver.held();
    receiver.releaseAnswers();
    Set<String> underWayAtKill =
        heldAtKill.stream()
            .filter(r -> victimPorts.contains(r.remotePort()))
            .map(WebhookReceiver.Received::webhookId)
            .collect(toSet());
    assertThat(underWayAtKill).as("the victim's attempts under way").isNotEmpty();
    assertThat(receiver.delivered("/sink").size()).as("the kill landed mid-stream").isLessThan(300);
    accepted.addAll(publish(300)); // appended while the victim is dead

    // The victim never learnt its attempts succeeded: once its leases run out, others repeat them.
    await()
        .atMost(WAIT)
        .until(
            () ->
                receiver.delivered("/sink").containsAll(accepted)
                    && receivedTwice().containsAll(underWayAtKill));

    assertThat(accepted).hasSize(600);
    assertThat(receiver.delivered("/sink")).containsExactlyInAnyOrderElementsOf(accepted);
    assertThat(receiver.received()).allSatisfy(r -> assertThat(r.verified()).isTrue());
    // A repeat carries the webhook-id of the first attempt (the event id), so the receiver can
    // drop it. Only the victim's unrecorded attempts are repeated: those held, and any whose answer
    // it got just before the hold but had not recorded; its leases never exceed the target's limit.
    List<WebhookReceiver.Received> received = receiver.received();
    assertThat(
            received.stream()
                .collect(
                    groupingBy(
                        WebhookReceiver.Received::webhookId,
                        mapping(WebhookReceiver.Received::body, toSet()))))
        .as("bodies sent under each webhook-id")
        .hasSize(accepted.size())
        .allSatisfy((id, bodies) -> assertThat(bodies).hasSize(1));
    assertThat(received.size() - accepted.size())
        .as("repeated deliveries (%s under way at the kill)", underWayAtKill.size())
        .isBetween(underWayAtKill.size(), MAX_IN_FLIGHT);
    // The victim's leases counted against the limit until they ran out.
    assertThat(receiver.maxConcurrent()).isLessThanOrEqualTo(MAX_IN_FLIGHT);
  }

  /** Starts the nodes and waits until each is delivering, so that all of them can take a share. */
  private void startNodes() throws IOException {
    List<Path> logs = new ArrayList<>();
    for (int i = 1; i <= NODES; i++) {
      Path log = folder.resolve("node-" + i + ".log");
      logs.add(log);
      nodes.add(ChildHerald.start(log, "serve", "--config", config.toString()));
    }
    for (int i = 0; i < NODES; i++) {
      ChildHerald node = nodes.get(i);
      Path log = logs.get(i);
      await()
          .atMost(WAIT)
          .until(
              () -> {
                assertThat(node.isAlive()).as("node running; see %s", log).isTrue();
                return Files.exists(log) && Files.readString(log).contains("Herald is delivering");
              });
    }
  }

  private List<String> publish(int count) {
    StringWriter out = new StringWriter();
    int status =
        HeraldCommand.commandLine(TestHerald.loader())
            .setOut(new PrintWriter(out))
            .execute(
                "publish",
                "--config",
                config.toString(),
                "--type",
                "user.created",
                "--data",
                "{\"user_id\":\"u1\"}",
                "--count",
                String.valueOf(count));
    assertThat(status).isZero();
    return Arrays.stream(out.toString().split("\\R")).filter(line -> !line.isBlank()).toList();
  }

  /** Returns how many of the received requests each live node sent, by node number. */
  private Map<Integer, Integer> requestsByNode() throws IOException {
    Map<Integer, Integer> requests = new TreeMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      if (!nodes.get(i).isAlive()) {
        continue;
      }
      Set<Integer> ports = nodes.get(i).localPortsConnectedTo(receiver.port());
      int sent =
          (int) receiver.received().stream().filter(r -> ports.contains(r.remotePort())).count();
      if (sent > 0) {
        requests.put(i + 1, sent);
      }
    }
    return requests;
  }

  /** Returns the node holding the connection the request came over. */
  private ChildHerald nodeThatSent(WebhookReceiver.Received request) throws IOException {
    for (ChildHerald node : nodes) {
      if (node.localPortsConnectedTo(receiver.port()).contains(request.remotePort())) {
        return node;
      }
    }
    throw new AssertionError("no node holds the connection from port " + request.remotePort());
  }

  private Set<String> receivedTwice() {
    return receiver.received().stream()
        .collect(groupingBy(WebhookReceiver.Received::webhookId, counting()))
        .entrySet()
        .stream()
        .filter(entry -> entry.getValue() > 1)
        .map(Map.Entry::getKey)
        .collect(toSet());
  }
}
