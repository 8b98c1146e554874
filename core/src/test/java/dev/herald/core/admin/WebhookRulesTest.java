package dev.herald.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.envelope.FieldViolation;
import dev.herald.core.net.AddressPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookRulesTest {

  private final WebhookRules rules =
      new WebhookRules(Set.of("127.0.0.1"), AddressPolicy.allowing(List.of("127.0.0.1")));

  private List<String> urlProblems(String url) {
    return urlProblems(rules, url);
  }

  private static List<String> urlProblems(WebhookRules rules, String url) {
    List<FieldViolation> found = new ArrayList<>();
    rules.url("url", url, found);
    return found.stream().map(FieldViolation::toString).toList();
  }

  @Test
  void refusesDeniedLiteralAddressesNamingTheRule() {
    WebhookRules denyByDefault = new WebhookRules(Set.of("127.0.0.1"));
    assertThat(urlProblems(denyByDefault, "http://127.0.0.1:8080/hooks"))
        .containsExactly(
            "url: 127.0.0.1: loopback (denied; expected: a public address, or an allow-listed"
                + " one)");
    assertThat(urlProblems("https://0x7f.2/"))
        .containsExactly(
            "url: '0x7f.2' is 127.0.0.2: loopback (denied; expected: a public address, or an"
                + " allow-listed one)");
    assertThat(urlProblems("https://[fd00:ec2::254]/"))
        .containsExactly(
            "url: 'fd00:ec2::254' is fd00:ec2:0:0:0:0:0:254: cloud metadata (denied; expected: a public address, or"
                + " an allow-listed one)");
    assertThat(urlProblems("https://169.254.169.254/latest/meta-data/")).hasSize(1);
  }

  @Test
  void plainHttpAlsoToAllowListedHosts() {
    WebhookRules allowListed =
        new WebhookRules(Set.of(), AddressPolicy.allowing(List.of("hooks.internal")));
    assertThat(urlProblems(allowListed, "http://hooks.internal/x")).isEmpty();
    assertThat(urlProblems(allowListed, "http://other.internal/x"))
        .containsExactly(
            "url: 'http://other.internal/x' (expected: https; http only for the hosts in"
                + " api.allow_http_hosts: [] or network.allow: [hooks.internal])");
  }

  @Test
  void acceptsHttpsAndHttpOnlyToTheNamedHosts() {
    assertThat(urlProblems("https://crm.example.com/hooks")).isEmpty();
    assertThat(urlProblems("http://127.0.0.1:8080/hooks")).isEmpty();
    assertThat(urlProblems("http://crm.example.com/hooks"))
        .containsExactly(
            "url: 'http://crm.example.com/hooks' (expected: https; http only for the hosts in"
                + " api.allow_http_hosts: [127.0.0.1] or network.allow: [127.0.0.1])");
    assertThat(urlProblems("ftp://x/"))
        .containsExactly("url: 'ftp://x/' (expected: an https URL with a host)");
    assertThat(urlProblems("https://user:pw@crm.example.com/"))
        .containsExactly("url: credentials in the URL (expected: none)");
  }

  @Test
  void boundsTimeoutAndConcurrency() {
    List<FieldViolation> found = new ArrayList<>();
    rules.timeout("timeout", Duration.ZERO, found);
    rules.maxInFlight("max_in_flight", 0, found);
    rules.id("id", "Bad Id", found);
    assertThat(found)
        .extracting(FieldViolation::toString)
        .containsExactly(
            "timeout: PT0S (expected: > 0s and <= PT1M)",
            "max_in_flight: 0 (expected: 1..256)",
            "id: 'Bad Id' (expected: [a-z0-9][a-z0-9_-]{0,63})");
  }

  @Test
  void pageRequestsAreBoundedAndNameTheField() {
    assertThat(PageRequest.of(0, "").size()).isEqualTo(PageRequest.DEFAULT_SIZE);
    assertThat(Page.of(List.of("a", "b", "c"), 2, s -> s).nextPageToken()).isEqualTo("b");
    assertThat(Page.of(List.of("a", "b"), 2, s -> s).nextPageToken()).isEmpty();
    try {
      PageRequest.of(1001, "");
    } catch (AdminException e) {
      assertThat(e.getMessage()).isEqualTo("page_size: 1001 (expected: 1..1000, or 0 for 100)");
      assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("page_size");
      return;
    }
    throw new AssertionError("expected an AdminException");
  }
}
