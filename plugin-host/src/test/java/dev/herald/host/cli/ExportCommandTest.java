package dev.herald.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code herald export} on a real SQLite file: output, filters, and bad options named. */
class ExportCommandTest {

  @TempDir Path folder;

  private static CommandRun run(String... args) {
    return CommandRun.of(args);
  }

  private String config() throws Exception {
    Path file = folder.resolve("herald.yaml");
    Files.writeString(file, "database:\n  path: '%s'\n".formatted(folder.resolve("herald.db")));
    return file.toString();
  }

  private List<String> publish(String config, String type, String realm, int count) {
    CommandRun run =
        run(
            "publish",
            "--config",
            config,
            "--type",
            type,
            "--realm",
            realm,
            "--count",
            Integer.toString(count));
    assertThat(run.status()).as(run.err()).isZero();
    return run.out().lines().toList();
  }

  @Test
  void writesEveryRealmsEventsOldestFirstToAFileOrStandardOutput() throws Exception {
    String config = config();
    List<String> orders = publish(config, "order.placed", "acme", 2);
    List<String> users = publish(config, "user.created", "", 1);
    Path out = folder.resolve("events.jsonl");

    CommandRun toFile = run("export", "--config", config, "--out", out.toString());

    assertThat(toFile.status()).as(toFile.err()).isZero();
    assertThat(toFile.err()).contains("exported 3 event(s) to " + out);
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("{\"event\":{\"event_id\":\"" + orders.get(0) + "\"");
    assertThat(lines.get(2))
        .startsWith("{\"event\":{\"event_id\":\"" + users.get(0) + "\"")
        .contains(
            "\"proto_payload\":{\"@type\":\"type.googleapis.com/herald.identity.v1.UserCreated\"");

    CommandRun csv =
        run(
            "export",
            "--config",
            config,
            "--format",
            "CSV",
            "--realm-id",
            "acme",
            "--event-type",
            "order.*");
    assertThat(csv.status()).as(csv.err()).isZero();
    assertThat(csv.out().split("\r\n"))
        .hasSize(3)
        .satisfies(rows -> assertThat(rows[1]).startsWith(orders.get(0) + ",order.placed,"))
        .satisfies(rows -> assertThat(rows[2]).startsWith(orders.get(1) + ",order.placed,"));
  }

  @Test
  void namesTheBadOptionAndExitsWithStatusTwo() throws Exception {
    String config = config();

    assertThat(run("export", "--config", config, "--format", "xml"))
        .satisfies(r -> assertThat(r.status()).isEqualTo(2))
        .satisfies(r -> assertThat(r.err()).contains("--format: 'xml' (expected: jsonl or csv)"));
    assertThat(run("export", "--config", config, "--occurred-after", "yesterday").err())
        .contains("--occurred-after: 'yesterday' (expected: an RFC 3339 time");
    assertThat(run("export", "--config", config, "--event-type", "User.*").err())
        .contains("--event-type: ");
    assertThat(
            run(
                    "export",
                    "--config",
                    config,
                    "--occurred-after",
                    "2026-02-01T00:00:00Z",
                    "--occurred-before",
                    "2026-01-01T00:00:00Z")
                .err())
        .contains("--occurred-before: 2026-01-01T00:00:00Z (expected: after occurred_after");
    assertThat(
            run("export", "--config", config, "--out", folder.resolve("no/such/dir/x").toString())
                .err())
        .contains("--out: cannot write");
  }
}
