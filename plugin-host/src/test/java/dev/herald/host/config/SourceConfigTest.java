package dev.herald.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.herald.core.inbound.InboundSource;
import dev.herald.core.inbound.SourceStatus;
import dev.herald.core.inbound.VerifierKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceConfigTest {

  private static final ConfigLoader LOADER =
      new ConfigLoader(
          new SecretResolver(
              Path.of("/nonexistent/secrets"),
              Map.of(SecretResolver.environmentName("github-secret"), "from the environment")));

  private static List<String> problems(String yaml) {
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> LOADER.parse(yaml, "t.yaml"));
    assertThat(e).as("expected a ConfigException for:%n%s", yaml).isNotNull();
    return e.problems();
  }

  @Test
  void loadsSourcesWithTheirDefaultsAndResolvedSecrets() {
    HeraldConfig config =
        LOADER.parse(
            """
            sources:
              github:
                verifier: github
                secret_ref: github-secret
                realm: acme
              stripe:
                verifier: stripe
                secret: whsec_abc
                tolerance: 2m
                enabled: false
              shop:
                verifier: hmac
                header: X-Shop-Signature
                secret: s
                event_type: shop.{body:topic}
                delivery_id: ""
            """,
            "t.yaml");

    assertThat(config.sources())
        .extracting(InboundSource::id)
        .containsExactly("github", "stripe", "shop");
    InboundSource github = config.sources().get(0);
    assertThat(github.verifier().kind()).isEqualTo(VerifierKind.GITHUB);
    assertThat(github.secret()).isEqualTo("from the environment");
    assertThat(github.realmId()).isEqualTo("acme");
    assertThat(github.eventType().text()).isEqualTo("github.{header:X-GitHub-Event}.{body:action}");
    assertThat(github.deliveryId().orElseThrow().text()).isEqualTo("{header:X-GitHub-Delivery}");
    assertThat(github.origin()).isEqualTo(InboundSource.Origin.CONFIG);
    InboundSource stripe = config.sources().get(1);
    assertThat(stripe.verifier().tolerance()).hasValue(Duration.ofMinutes(2));
    assertThat(stripe.status()).isEqualTo(SourceStatus.DISABLED);
    assertThat(config.sources().get(2).deliveryId()).isEqualTo(Optional.empty());
    assertThat(config.toString())
        .doesNotContain("from the environment")
        .doesNotContain("whsec_abc");
  }

  @Test
  void aBadSourceNamesItsKey() {
    assertThat(
            problems(
                """
                sources:
                  github:
                    verifier: gitlab
                    secret: s
                """))
        .singleElement()
        .asString()
        .startsWith("sources.github.verifier")
        .contains("expected: one of github, stripe, standard-webhooks, hmac, token");
    assertThat(
            problems(
                """
                sources:
                  shop:
                    verifier: hmac
                    secret: s
                    tolerance: 5m
                    event_type: shop.{query:x}
                    colour: red
                """))
        .anySatisfy(p -> assertThat(p).startsWith("sources.shop.colour").contains("unknown key"))
        .anySatisfy(p -> assertThat(p).startsWith("sources.shop.header").contains("missing"))
        .anySatisfy(
            p -> assertThat(p).startsWith("sources.shop.tolerance").contains("does not use"))
        .anySatisfy(p -> assertThat(p).startsWith("sources.shop.event_type").contains("{query:x}"));
    assertThat(
            problems(
                """
                sources:
                  Bad_Id:
                    verifier: token
                    event_type: x.y
                """))
        .anySatisfy(p -> assertThat(p).startsWith("sources.Bad_Id").contains("secret"));
    assertThat(
            problems(
                """
                sources:
                  svix:
                    verifier: standard-webhooks
                    secret: not-a-whsec
                """))
        .singleElement()
        .asString()
        .startsWith("sources.svix.secret")
        .doesNotContain("not-a-whsec");
  }
}
