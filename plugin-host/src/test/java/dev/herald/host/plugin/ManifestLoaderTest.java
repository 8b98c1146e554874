package dev.herald.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.herald.core.envelope.EventTypePattern;
import dev.herald.core.limit.Rate;
import dev.herald.core.route.DeadHeadPolicy;
import dev.herald.core.route.OrderKey;
import dev.herald.core.route.Ordering;
import dev.herald.dispatch.grpc.PluginAddress;
import dev.herald.dispatch.grpc.PluginTls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {

  static final String AUDIT =
      """
      id: audit-log
      name: Audit log
      version: 0.1.0
      protocol_versions: [1]
      command: [./run, --verbose]
      sha256: 9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08
      subscriptions:
        - event_types: [user.*, group.*]
          event_versions: [1]
          realms: [acme]
        - event_types: ["*"]
      delivery:
        timeout: 5s
        max_in_flight: 4
        ordering: {key: payload.user_id, on_dead: skip}
        rate_limit: 50/s
      env:
        AUDIT_LOG_FILE: ./audit.log
        PORT: 8080
      """;

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  static List<String> problems(Runnable load) {
    ManifestException e = catchThrowableOfType(ManifestException.class, load::run);
    assertThat(e).as("expected a ManifestException").isNotNull();
    return e.problems();
  }

  @Test
  void readsManagedYamlManifest() throws IOException {
    Path file = write("audit.plugin.yaml", AUDIT);

    PluginManifest manifest = ManifestLoader.load(file);

    assertThat(manifest)
        .isEqualTo(
            new PluginManifest(
                file,
                "audit-log",
                "Audit log",
                "0.1.0",
                List.of(1),
                List.of(dir.toAbsolutePath().resolve("run").toString(), "--verbose"),
                Optional.empty(),
                Optional.empty(),
                List.of(
                    new PluginSubscription(
                        List.of(
                            EventTypePattern.parse("user.*"), EventTypePattern.parse("group.*")),
                        Set.of(1),
                        Set.of("acme")),
                    new PluginSubscription(
                        List.of(EventTypePattern.parse("*")), Set.of(), Set.of())),
                Duration.ofSeconds(5),
                4,
                Optional.of(new Ordering(OrderKey.parse("payload.user_id"), DeadHeadPolicy.SKIP)),
                Optional.of(Rate.parse("50/s")),
                Optional.of("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
                Map.of("AUDIT_LOG_FILE", "./audit.log", "PORT", "8080")));
    assertThat(manifest.managed()).isTrue();
  }

  @Test
  void readsContentPatternsAsMappingOrJsonAndTransforms() throws IOException {
    Path file =
        write(
            "orders.plugin.yaml",
            """
            id: orders
            version: 1.0.0
            protocol_versions: [1]
            address: 127.0.0.1:7443
            subscriptions:
              - event_types: [order.placed]
                content_pattern:
                  payload:
                    total: [{numeric: [">", 100]}]
                    currency: [EUR, USD]
                transform: "{id: payload.order_id, total: payload.total}"
              - event_types: [order.*]
                content_pattern: '{"payload": {"channel": [{"prefix": "web"}]}}'
            """);

    List<PluginSubscription> subscriptions = ManifestLoader.load(file).subscriptions();

    assertThat(subscriptions.get(0).contentPattern().orElseThrow().json())
        .isEqualTo(
            "{\"payload\":{\"total\":[{\"numeric\":[\">\",100]}],\"currency\":[\"EUR\",\"USD\"]}}");
    assertThat(subscriptions.get(0).transform().orElseThrow().expression())
        .isEqualTo("{id: payload.order_id, total: payload.total}");
    assertThat(subscriptions.get(1).contentPattern().orElseThrow().json())
        .isEqualTo("{\"payload\":{\"channel\":[{\"prefix\":\"web\"}]}}");
    assertThat(subscriptions.get(1).transform()).isEmpty();
  }

  @Test
  void readsRemoteJsonManifestWithTls() throws IOException {
    write("ca.pem", "ca");
    Files.createDirectories(dir.resolve("certs"));
    write("certs/host.pem", "cert");
    write("certs/host.key", "key");
    Path file =
        write(
            "search.plugin.json",
            """
            {
              "id": "search-index",
              "version": "2.0.0-rc.1+build.5",
              "protocol_versions": [1, 2],
              "address": "[::1]:7443",
              "tls": {"ca_cert": "ca.pem", "client_cert": "certs/host.pem",
                      "client_key": "certs/host.key"},
              "subscriptions": [{"event_types": ["user.created"], "realms": ["acme", "globex"]}],
              "delivery": {"timeout": "PT30S", "max_in_flight": 1024, "ordering": "subject"}
            }
            """);

    PluginManifest manifest = ManifestLoader.load(file);

    Path folder = dir.toAbsolutePath();
    assertThat(manifest.id()).isEqualTo("search-index");
    assertThat(manifest.name()).isEqualTo("search-index");
    assertThat(manifest.version()).isEqualTo("2.0.0-rc.1+build.5");
    assertThat(manifest.protocolVersions()).containsExactly(1, 2);
    assertThat(manifest.managed()).isFalse();
    assertThat(manifest.command()).isEmpty();
    assertThat(manifest.address()).contains(new PluginAddress.Tcp("::1", 7443));
    assertThat(manifest.tls())
        .contains(
            new PluginTls(
                Optional.of(folder.resolve("ca.pem")),
                Optional.of(folder.resolve("certs/host.pem")),
                Optional.of(folder.resolve("certs/host.key"))));
    assertThat(manifest.subscriptions())
        .containsExactly(
            new PluginSubscription(
                List.of(EventTypePattern.parse("user.created")),
                Set.of(),
                Set.of("acme", "globex")));
    assertThat(manifest.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(manifest.ordering()).contains(Ordering.bySubject());
    assertThat(manifest.maxInFlight()).as("applies across keys, not forced to 1").isEqualTo(1024);
    assertThat(manifest.sha256()).isEmpty();
    assertThat(manifest.env()).isEmpty();
  }

  @Test
  void appliesDefaults() throws IOException {
    Path file =
        write(
            "min.plugin.yml",
            """
            id: min
            version: 1.0.0
            protocol_versions: [1]
            address: unix:/run/herald/min.sock
            subscriptions: [{event_types: [user.created]}]
            tls: {}
            """);

    PluginManifest manifest = ManifestLoader.load(file);

    assertThat(manifest.name()).isEqualTo("min");
    assertThat(manifest.address())
        .contains(new PluginAddress.Unix(Path.of("/run/herald/min.sock")));
    assertThat(manifest.tls())
        .as("tls: {} is TLS with the JVM's trust store")
        .contains(new PluginTls(Optional.empty(), Optional.empty(), Optional.empty()));
    assertThat(manifest.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(manifest.maxInFlight()).isEqualTo(8);
    assertThat(manifest.ordering()).isEmpty();
  }

  @Test
  void executableOnPathOrAbsoluteIsKeptAsWritten() throws IOException {
    String base =
        AUDIT.replace(
            "sha256: 9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08\n", "");

    Path onPath =
        write("a.plugin.yaml", base.replace("[./run, --verbose]", "[python3, -m, audit]"));
    Path absolute = write("b.plugin.yaml", base.replace("[./run, --verbose]", "[/opt/audit/run]"));
    Path nested = write("c.plugin.yaml", base.replace("[./run, --verbose]", "[bin/../run.sh]"));

    assertThat(ManifestLoader.load(onPath).command()).containsExactly("python3", "-m", "audit");
    assertThat(ManifestLoader.load(absolute).command()).containsExactly("/opt/audit/run");
    assertThat(ManifestLoader.load(nested).command())
        .containsExactly(dir.toAbsolutePath().resolve("run.sh").toString());
  }

  @Test
  void loadsDirectorySortedByIdIgnoringOtherFiles() throws IOException {
    write("z.plugin.yaml", AUDIT.replace("id: audit-log", "id: alpha"));
    write(
        "a.plugin.json",
        "{\"id\": \"zulu\", \"version\": \"1.0.0\", \"protocol_versions\": [1],"
            + " \"address\": \"127.0.0.1:7443\", \"subscriptions\": [{\"event_types\": [\"*\"]}]}");
    write("README.md", "not a manifest");
    write("broken.yaml", "id: [");
    write("notes.plugin.yaml.bak", "id: [");
    Files.createDirectories(dir.resolve("sub.plugin.yaml"));

    List<PluginManifest> manifests = ManifestLoader.loadDirectory(dir);

    assertThat(manifests).extracting(PluginManifest::id).containsExactly("alpha", "zulu");
  }

  @Test
  void missingDirectoryMeansNoPlugins() {
    assertThat(ManifestLoader.loadDirectory(dir.resolve("plugins"))).isEmpty();
  }

  @Test
  void emptyDirectoryMeansNoPlugins() {
    assertThat(ManifestLoader.loadDirectory(dir)).isEmpty();
  }

  @Test
  void directoryThatIsAFileIsAProblem() throws IOException {
    Path file = write("plugins", "");

    assertThat(problems(() -> ManifestLoader.loadDirectory(file)))
        .containsExactly(file + ": not a folder (expected: a folder of plugin manifests)");
  }

  @Test
  void duplicateIdsNameBothFiles() throws IOException {
    Path first = write("a.plugin.yaml", AUDIT);
    Path second = write("b.plugin.yaml", AUDIT.replace("Audit log", "Another"));

    assertThat(problems(() -> ManifestLoader.loadDirectory(dir)))
        .containsExactly(
            second + ": id: 'audit-log' (expected: unique; already used by " + first + ")");
  }

  @Test
  void reportsProblemsOfEveryFileTogether() throws IOException {
    Path yaml = write("a.plugin.yaml", AUDIT.replace("version: 0.1.0", "version: 1"));
    Path json = write("b.plugin.json", "{\"id\": \"B\"");
    Path good = write("c.plugin.yaml", AUDIT.replace("audit-log", "good"));

    ManifestException e =
        catchThrowableOfType(ManifestException.class, () -> ManifestLoader.loadDirectory(dir));

    assertThat(e.problems())
        .hasSize(2)
        .contains(yaml + ": version: 1 (expected: a semantic version like 1.4.2 or 2.0.0-rc.1)")
        .anyMatch(p -> p.startsWith(json + ": line 1, column "))
        .noneMatch(p -> p.contains(good.toString()));
    assertThat(e).hasMessageStartingWith("Invalid plugin manifests (2 problems):\n  ");
  }

  @Test
  void yamlSyntaxErrorGivesFileLineAndColumn() throws IOException {
    Path file = write("x.plugin.yaml", "id: audit: x\n");

    assertThat(problems(() -> ManifestLoader.load(file)))
        .containsExactly(file + ": line 1, column 10: mapping values are not allowed here");
  }

  @Test
  void duplicateKeyIsAProblem() throws IOException {
    Path file = write("x.plugin.yaml", AUDIT + "id: again\n");

    assertThat(problems(() -> ManifestLoader.load(file)))
        .singleElement()
        .asString()
        .startsWith(file + ": line ")
        .contains("Duplicate field 'id'");
  }

  @Test
  void missingFileIsAProblem() {
    Path file = dir.resolve("gone.plugin.yaml");

    assertThatThrownBy(() -> ManifestLoader.load(file))
        .isInstanceOf(ManifestException.class)
        .hasMessage("Invalid plugin manifests (1 problem):\n  " + file + ": no such file");
  }

  @Test
  void emptyFileListsTheRequiredKeys() throws IOException {
    Path file = write("empty.plugin.yaml", "");

    assertThat(problems(() -> ManifestLoader.load(file)))
        .containsExactly(
            file + ": id: missing (required)",
            file + ": version: missing (required)",
            file + ": protocol_versions: missing (required)",
            file
                + ": command/address: neither set (expected: exactly one: command for a managed"
                + " plugin, address for a remote one)",
            file + ": subscriptions: missing (required)");
  }

  @Test
  void recognisesManifestNames() {
    assertThat(ManifestLoader.isManifest(Path.of("p/a.plugin.yaml"))).isTrue();
    assertThat(ManifestLoader.isManifest(Path.of("a.plugin.yml"))).isTrue();
    assertThat(ManifestLoader.isManifest(Path.of("a.plugin.json"))).isTrue();
    assertThat(ManifestLoader.isManifest(Path.of("a.yaml"))).isFalse();
    assertThat(ManifestLoader.isManifest(Path.of("a.plugin.yaml.orig"))).isFalse();
  }
}
