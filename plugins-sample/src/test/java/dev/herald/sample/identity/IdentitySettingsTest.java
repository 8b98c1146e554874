package dev.herald.sample.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentitySettingsTest {

  @Test
  void defaultsToTheSqliteFile() {
    IdentitySettings settings = IdentitySettings.fromEnvironment(Map.of());

    assertThat(settings.database()).isEqualTo(Path.of("./data/identity.db"));
    assertThat(settings.postgres()).isEmpty();
    assertThat(settings.port()).isEqualTo(8090);
    assertThat(settings.realm()).isEqualTo("acme");
  }

  @Test
  void aDatabaseUrlSwitchesToPostgresAndIsLoggedWithoutItsQuery() {
    String url = "jdbc:postgresql://db:5432/herald?user=herald&password=s3cret";

    IdentitySettings settings =
        IdentitySettings.fromEnvironment(Map.of(IdentitySettings.DATABASE_URL, url));

    assertThat(settings.postgres().orElseThrow().url()).isEqualTo(url);
    assertThat(settings.describeDatabase()).isEqualTo("jdbc:postgresql://db:5432/herald");
  }

  @Test
  void refusesBothDatabasesAndABadUrlWithoutEchoingIt() {
    assertThatThrownBy(
            () ->
                IdentitySettings.fromEnvironment(
                    Map.of(
                        IdentitySettings.DATABASE, "x.db",
                        IdentitySettings.DATABASE_URL, "jdbc:postgresql://db/herald")))
        .hasMessage(
            "IDENTITY_DATABASE and IDENTITY_DATABASE_URL are both set (expected: at most one of"
                + " them)");
    assertThatThrownBy(
            () ->
                IdentitySettings.fromEnvironment(
                    Map.of(IdentitySettings.DATABASE_URL, "postgres://u:s3cret@db/herald")))
        .hasMessageContaining("IDENTITY_DATABASE_URL")
        .hasMessageNotContaining("s3cret");
  }
}
