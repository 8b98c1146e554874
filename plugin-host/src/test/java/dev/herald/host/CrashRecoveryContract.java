package dev.herald.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.linecorp.armeria.common.HttpStatus;
import dev.herald.host.cli.HeraldCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability: a serving process killed with SIGKILL mid-stream loses nothing it accepted; the next
 * process delivers every event once the dead one's leases run out; one subclass per database.
 */
abstract class CrashRecoveryContract {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final Duration WAIT = Duration.ofSeconds(120);

  @TempDir Path folder;
  private final TestDatabase database;
  private WebhookReceiver receiver;

  CrashRecoveryContract(TestDatabase database) {
    this.database = database;
  }

  @AfterEach
  void stop() {
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void everyAcceptedEventIsDeliveredAfterAHardKill() throws Exception {
    // A slow receiver keeps attempts in flight when the kill lands.
    receiver =
        WebhookReceiver.start(SECRET, (path, id, attempt) -> HttpStatus.OK, Duration.ofMillis(20));
    Path config = folder.resolve("herald.yaml");
    Files.writeString(
        config,
        database.yaml(folder)
            + """
        delivery:
          poll_interval: 100ms
          lease: 2s
        api:
          port: 0
        network:
          allow: [127.0.0.1]            # the receiver runs on loopback
        webhooks:
          - id: sink
            url: %s
            secret: %s
            event_types: ['*']
            max_in_flight: 4
        """
                .formatted(receiver.url("/sink"), SECRET));
    Path log = folder.resolve("children.log");

    Set<String> accepted = new HashSet<>(publish(config, 150));
    try (ChildHerald first = ChildHerald.start(log, "serve", "--config", config.toString())) {
      await().atMost(WAIT).until(() -> receiver.delivered("/sink").size() >= 30);
      accepted.addAll(publish(config, 150)); // appended while the first server is mid-stream
      first.killHard();
    }
    int deliveredBeforeCrash = receiver.delivered("/sink").size();
    assertThat(deliveredBeforeCrash).as("the kill landed mid-stream").isLessThan(300);

    try (ChildHerald second = ChildHerald.start(log, "serve", "--config", config.toString())) {
      await().atMost(WAIT).until(() -> receiver.delivered("/sink").containsAll(accepted));
      assertThat(second.stopGracefully()).as("graceful stop exit status").isIn(0, 143);
    }

    assertThat(accepted).hasSize(300);
    assertThat(receiver.delivered("/sink")).containsExactlyInAnyOrderElementsOf(accepted);
    assertThat(receiver.received()).allSatisfy(r -> assertThat(r.verified()).isTrue());
  }

  private static List<String> publish(Path config, int count) {
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
}
