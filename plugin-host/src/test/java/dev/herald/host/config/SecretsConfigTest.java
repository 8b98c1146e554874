package dev.herald.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.secret.MasterKeyFile;
import dev.herald.core.store.PostgresSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsConfigTest {

  private static final String KEY = "3q2+796tvu/erb7v3q2+796tvu/erb7v3q2+796tvu8=";

  @TempDir Path folder;

  private HeraldConfig parse(String yaml) {
    return new ConfigLoader(new SecretResolver(folder, Map.of("HERALD_KEY", KEY + "\n")))
        .parse(yaml, "herald.yaml");
  }

  @Test
  void keyRefReadsTheMasterKeyAndNoTextFormShowsIt() throws Exception {
    Files.writeString(folder.resolve("from-file"), KEY);

    HeraldConfig fromFile = parse("secrets: {key_ref: from-file}");
    HeraldConfig fromEnvironment = parse("secrets: {key_ref: herald-key}");

    assertThat(fromFile.secrets().masterKey(fromFile.database(), new SecureRandom()).encoded())
        .isEqualTo(KEY);
    assertThat(fromEnvironment.secrets().key().orElseThrow().encoded()).isEqualTo(KEY);
    assertThat(fromFile.toString()).doesNotContain(KEY).contains("secrets.key_ref 'from-file'");
  }

  @Test
  void previousKeyRefsReadTheKeysBeingReplacedAndNeedKeyRef() throws Exception {
    Files.writeString(folder.resolve("old"), "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");

    HeraldConfig config = parse("secrets: {key_ref: herald-key, previous_key_refs: [old]}");

    assertThat(config.secrets().previousKeys())
        .extracting(k -> k.encoded())
        .containsExactly("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    assertThatThrownBy(() -> parse("secrets: {previous_key_refs: [old]}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "secrets.previous_key_refs: set without key_ref (expected: the new master key in"
                + " key_ref)");
  }

  @Test
  void aBadKeyOrAnUnknownKeyIsNamed() throws Exception {
    Files.writeString(folder.resolve("short"), "c2hvcnQ=");

    assertThatThrownBy(() -> parse("secrets: {key_ref: short, key: x}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "secrets.key_ref: 'short': 5 bytes (expected: base64 of exactly 32 bytes)")
        .hasMessageContaining("secrets.key");
    assertThatThrownBy(() -> parse("secrets: {key_ref: missing}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("secrets.key_ref: 'missing' not found in");
  }

  @Test
  void withoutKeyRefSqliteGetsAKeyFileReadableByItsOwnerOnly() throws Exception {
    DatabaseConfig sqlite = new DatabaseConfig.Sqlite(folder.resolve("data/herald.db"));

    String first = SecretsConfig.ofDefaults().masterKey(sqlite, new SecureRandom()).encoded();
    String again = SecretsConfig.ofDefaults().masterKey(sqlite, new SecureRandom()).encoded();

    Path file = folder.resolve("data/herald.db.key");
    assertThat(MasterKeyFile.beside(folder.resolve("data/herald.db"))).isEqualTo(file);
    assertThat(again).isEqualTo(first);
    assertThat(Files.readString(file).strip()).isEqualTo(first);
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.list(file.getParent())).containsExactly(file);
  }

  @Test
  void withoutKeyRefPostgresIsRefusedAsAConfigurationError() {
    DatabaseConfig postgres =
        new DatabaseConfig.Postgres(
            PostgresSettings.of("jdbc:postgresql://db:5432/herald", "herald", ""));

    assertThatThrownBy(() -> SecretsConfig.ofDefaults().masterKey(postgres, new SecureRandom()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("secrets.key_ref: not set (expected: on PostgreSQL, the name of a");
  }

  @Test
  void aKeyFileThatHoldsNoKeyIsRefusedNamingTheFile() throws Exception {
    Files.writeString(folder.resolve("herald.db.key"), "not a key");
    DatabaseConfig sqlite = new DatabaseConfig.Sqlite(folder.resolve("herald.db"));

    assertThatThrownBy(() -> SecretsConfig.ofDefaults().masterKey(sqlite, new SecureRandom()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "key file "
                + folder.resolve("herald.db.key").toAbsolutePath()
                + ": not base64 (expected: base64 of 32 random bytes, e.g. openssl rand -base64"
                + " 32)");
  }
}
