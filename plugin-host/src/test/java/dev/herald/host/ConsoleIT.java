package dev.herald.host;

import static dev.herald.host.ConsoleBrowser.button;
import static dev.herald.host.ConsoleBrowser.field;
import static dev.herald.host.ConsoleBrowser.link;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import dev.herald.proto.event.v1.EventEnvelope;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web console as an operator uses it: a real headless Chromium against a real Herald on SQLite,
 * delivering to a real receiver and a real plugin. Each test leaves a screenshot of where it ended
 * in {@code target/console-screenshots/}.
 */
class ConsoleIT {

  @TempDir static Path folder;

  private static ConsoleBackend backend;
  private static ConsoleBrowser browser;

  @BeforeAll
  static void start() throws IOException {
    backend = ConsoleBackend.start(folder);
    browser = ConsoleBrowser.start(backend.apiUrl());
  }

  @AfterAll
  static void stop() {
    try (ConsoleBackend b = backend;
        ConsoleBrowser c = browser) {
      // the browser first, then Herald and its receiver
    }
  }

  @AfterEach
  void screenshot(TestInfo test) {
    browser.screenshot(test.getTestMethod().orElseThrow().getName());
  }

  @Test
  void createsAWebhookShowsItsSecretOncePausesItAndWatchesTheBacklogDrainOnResume() {
    browser.signIn("not-a-token");
    browser.awaitText("missing or unknown token");
    browser.signIn(ApiTokens.ADMIN);
    browser.awaitText("ops (admin, all realms)");

    browser.click(link("Webhooks"));
    browser.click(button("New webhook"));
    browser.type(field("Id"), "crm");
    browser.type(field("URL"), backend.receiver().url("/crm"));
    browser.type(field("Event types"), "user.*");
    browser.click(button("Create"));
    String secret =
        browser.await(
            d -> {
              String shown = d.findElement(By.id("secret-once")).getDomProperty("value");
              return shown.isEmpty() ? null : shown;
            });
    assertThat(secret).startsWith("whsec_");
    assertThat(browser.driver().findElements(button("Copy"))).hasSize(1);
    browser.screenshot("webhook-secret-shown-once");
    backend.receiver().trust(secret);
    browser.click(button("I have stored it"));
    browser.awaitText("Webhook crm");
    assertThat(browser.driver().getPageSource()).doesNotContain(secret);

    browser.click(button("Pause"));
    browser.type(field("Reason"), "receiver maintenance");
    browser.click(By.cssSelector("dialog button[type=submit]"));
    browser.awaitText("paused receiver maintenance");

    List<EventEnvelope> events = backend.herald().publishUsersCreated("", 3);
    browser.go("deliveries?webhook_id=crm");
    awaitBadges("pending", 3);
    assertThat(backend.receiver().received()).noneMatch(r -> r.path().equals("/crm"));
    browser.screenshot("deliveries-held-while-paused");

    browser.go("webhooks/crm");
    browser.click(button("Resume"));
    browser.await(d -> d.findElement(By.tagName("h1")).getText().contains("active"));
    browser.go("deliveries?webhook_id=crm");
    awaitBadges("succeeded", 3);
    List<WebhookReceiver.Received> arrived =
        backend.receiver().received().stream().filter(r -> r.path().equals("/crm")).toList();
    assertThat(arrived).hasSize(3).allMatch(r -> r.verifiedWith().contains(secret));
    for (EventEnvelope event : events) {
      assertThat(arrived).anyMatch(r -> r.body().contains(event.getEventId()));
    }
    browser.screenshot("deliveries-arrived");

    browser.click(By.cssSelector("tbody tr td a"));
    browser.awaitText("Attempt timeline");
    assertThat(browser.text()).contains("Attempt 1", "succeeded", "HTTP status\n200");
    browser.screenshot("attempt-timeline");

    browser.go("webhooks/crm");
    browser.click(button("Send test event"));
    browser.awaitText("Test delivery");
    assertThat(browser.text()).contains("HTTP status\n200");
  }

  @Test
  void editsRotatesTheSecretOfAndDeletesAWebhook() {
    backend.createWebhook("crm-old", "profile.*");
    browser.signIn(ApiTokens.ADMIN);
    browser.go("webhooks/crm-old");
    browser.click(button("Edit"));
    String url = browser.driver().findElement(field("URL")).getDomProperty("value");
    browser.type(field("URL"), "ftp://crm.example/");
    browser.click(By.cssSelector("dialog button[type=submit]"));
    // The API's own words, in the dialog, which stays open.
    browser.await(
        d ->
            d.findElement(By.cssSelector("dialog .error-box"))
                .getText()
                .startsWith("url: 'ftp://crm.example/'"));
    browser.type(field("URL"), url);
    browser.type(field("Timeout"), "5s");
    new Select(browser.driver().findElement(field("Body format")))
        .selectByValue("cloudevents-structured");
    browser.click(By.cssSelector("dialog button[type=submit]"));
    browser.awaitText("Timeout\n5.0 s");
    assertThat(browser.text()).contains("Body format\ncloudevents-structured");
    JsonNode edited = backend.get("/api/v1/webhooks/crm-old");
    assertThat(edited.get("timeout").asText()).isEqualTo("5s");
    assertThat(edited.get("body_format").asText()).isEqualTo("cloudevents-structured");

    browser.click(button("Rotate secret"));
    browser.click(By.cssSelector("dialog button[type=submit]"));
    String rotated =
        browser.await(
            d -> {
              String shown = d.findElement(By.id("secret-once")).getDomProperty("value");
              return shown.isEmpty() ? null : shown;
            });
    assertThat(rotated).startsWith("whsec_").isNotEqualTo(ConsoleBackend.SECRET);
    browser.click(button("I have stored it"));
    browser.awaitText("Previous secret valid until");

    browser.click(button("Delete"));
    browser.click(By.cssSelector("dialog button[value=yes]"));
    browser.awaitText("Deleted crm-old.");
    assertThat(backend.status("/api/v1/webhooks/crm-old")).isEqualTo(404);
  }

  @Test
  void retriesOneDeadLetterAndDiscardsAnother() {
    backend.createWebhook("flaky", "order.*");
    List<EventEnvelope> events = backend.herald().publish("order.placed", "", List.of("{}", "{}"));
    await().atMost(Duration.ofSeconds(30)).until(() -> backend.deadLetters("flaky") == 2);

    browser.signIn(ApiTokens.ADMIN);
    browser.go("dead-letters?webhook_id=flaky");
    List<WebElement> boxes =
        browser.await(
            d -> {
              List<WebElement> found = d.findElements(By.name("dead-letter"));
              return found.size() == 2 ? found : null;
            });
    String retried = boxes.get(0).getDomProperty("value");
    String discarded = boxes.get(1).getDomProperty("value");
    backend.healFlaky();
    boxes.get(0).click();
    browser.click(button("Retry selected"));
    browser.awaitText("Retried 1 of 1.");
    browser.await(d -> d.findElements(By.name("dead-letter")).size() == 1);
    browser.click(By.name("dead-letter"));
    browser.click(button("Discard selected"));
    browser.click(By.cssSelector("dialog button[value=yes]"));
    browser.awaitText("Discarded 1 of 1.");
    browser.awaitText("No dead letters.");

    browser.go("deliveries/" + retried);
    browser.awaitText("Attempt timeline");
    browser.await(
        d -> {
          d.findElement(button("Refresh")).click();
          return d.findElement(By.tagName("h1")).getText().contains("succeeded");
        });
    assertThat(browser.text()).contains("Attempt 3", "Attempt 2", "http_5xx");
    assertThat(backend.get("/api/v1/deliveries/" + discarded).get("status").asText())
        .isEqualTo("DELIVERY_STATUS_DISCARDED");
    assertThat(backend.receiver().received())
        .filteredOn(r -> r.path().equals("/flaky") && r.status() == 200)
        .hasSize(1)
        .allMatch(r -> events.stream().anyMatch(e -> r.body().contains(e.getEventId())));
  }

  @Test
  void overviewWorksOnAPhoneWithTheKeyboardAndLoadsNothingFromElsewhere() {
    browser.signIn(ApiTokens.ADMIN);
    browser.awaitText("Delivered per minute");
    browser.screenshot("overview");
    browser.resize(390, 844);
    try {
      browser.signIn(ApiTokens.ADMIN);
      browser.awaitText("Delivered per minute");
      assertThat(browser.driver().findElements(By.cssSelector("svg.chart"))).hasSize(3);
      assertThat(browser.text())
          .contains("Backlog", "Oldest waiting deliveries", "Plugins not serving");
      Number overflow =
          (Number)
              browser
                  .driver()
                  .executeScript("return document.documentElement.scrollWidth - window.innerWidth");
      assertThat(overflow.intValue()).as("sideways scrolling of the page").isLessThanOrEqualTo(0);
      browser.screenshot("overview-phone");

      // Each page starts the keyboard at its heading; the first stop on the page skips to it.
      assertThat(browser.driver().switchTo().activeElement().getText()).isEqualTo("Overview");
      assertThat(
              browser
                  .driver()
                  .executeScript(
                      "return document.querySelector('a[href], button, input, select')"
                          + ".textContent"))
          .isEqualTo("Skip to content");
      // Back from the heading, the keyboard alone reaches a section and opens it.
      Actions keyboard = new Actions(browser.driver());
      for (int presses = 0;
          presses < 12 && !browser.driver().switchTo().activeElement().getText().equals("Webhooks");
          presses++) {
        keyboard.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
      }
      keyboard.sendKeys(Keys.ENTER).perform();
      browser.await(d -> d.findElement(By.tagName("h1")).getText().equals("Webhooks"));
      assertThat(browser.driver().switchTo().activeElement().getText()).isEqualTo("Webhooks");

      AggregatedHttpResponse page = WebClient.of(backend.apiUrl()).blocking().get("/console/");
      assertThat(page.status().code()).isEqualTo(200);
      assertThat(page.headers().get("content-security-policy")).startsWith("default-src 'self';");
      assertThat(
              WebClient.of(backend.apiUrl()).blocking().get("/console").headers().get("location"))
          .isEqualTo("/console/");
      String origin = backend.apiUrl();
      assertThat(browser.loadedUrls()).isNotEmpty().allMatch(url -> url.startsWith(origin + "/"));
      assertThat(browser.severeConsoleMessages())
          .filteredOn(m -> !m.contains("Failed to load resource"))
          .isEmpty();
    } finally {
      browser.resize(1280, 900);
    }
  }

  @Test
  void createsAReaderKeyShownOnceSignsInWithItAndRevokesIt() {
    browser.signIn(ApiTokens.ADMIN);
    browser.click(link("API keys"));
    browser.click(button("New API key"));
    browser.type(field("Description"), "crm read only");
    new Select(browser.driver().findElement(field("Role"))).selectByValue("reader");
    browser.click(field("All realms"));
    browser.click(button("Create"));
    String key =
        browser.await(
            d -> {
              String shown = d.findElement(By.id("secret-once")).getDomProperty("value");
              return shown.isEmpty() ? null : shown;
            });
    assertThat(key).startsWith("hk_");
    browser.screenshot("api-key-shown-once");
    browser.click(button("I have stored it"));
    browser.awaitText("crm read only");
    assertThat(browser.text()).contains("reader", "all realms", "active");
    browser.screenshot("api-keys");
    assertThat(browser.driver().getPageSource()).doesNotContain(key);

    browser.signIn(key);
    browser.awaitText("(reader, all realms)");
    browser.go("webhooks");
    browser.awaitText("New webhook");

    browser.signIn(ApiTokens.ADMIN);
    browser.go("api-keys");
    browser.click(By.cssSelector("button[aria-label^='Revoke hk_']"));
    browser.click(By.cssSelector("dialog button[value=yes]"));
    browser.awaitText("Revoked hk_");
    assertThat(browser.text()).contains("revoked");
    assertThat(backend.status(key, "/api/v1/caller")).isEqualTo(401);
    browser.signIn(key);
    browser.awaitText("revoked");
  }

  @Test
  void pausesAndResumesAPlugin() {
    browser.signIn(ApiTokens.ADMIN);
    browser.go("plugins");
    browser.await(
        d -> d.getPageSource().contains("audit-log") && browser.text().contains("serving"));
    browser.click(By.cssSelector("button[aria-label='Pause audit-log']"));
    browser.awaitText("audit-log paused.");
    browser.await(
        d -> !d.findElements(By.cssSelector("button[aria-label='Resume audit-log']")).isEmpty());
    assertThat(backend.get("/api/v1/plugins/audit-log").get("paused").asBoolean()).isTrue();
    browser.click(By.cssSelector("button[aria-label='Resume audit-log']"));
    browser.awaitText("audit-log resumed.");
    assertThat(backend.get("/api/v1/plugins/audit-log").get("paused").asBoolean()).isFalse();
    assertThat(browser.driver().findElements(By.xpath("//th[.='Restarts']"))).hasSize(1);
  }

  @Test
  void aRealmTokenSeesOnlyItsRealmAndAPublisherTokenIsToldWhy() {
    backend.createWebhook("acme-crm", "acme", "audit.*");
    backend.createWebhook("other-crm", "globex", "audit.*");
    browser.signIn(ApiTokens.ACME_ADMIN);
    browser.awaitText("acme-ops (admin, realms acme)");
    browser.go("webhooks");
    browser.awaitText("acme-crm");
    assertThat(browser.text()).doesNotContain("other-crm");

    browser.signIn(ApiTokens.ACME_PUBLISHER);
    browser.awaitText("is a publisher token; the admin API needs an admin token");
    assertThat(browser.driver().findElement(By.id("top")).isDisplayed()).isFalse();
  }

  @Test
  void replaysAfterADryRunAndWatchesItFinish() {
    backend.createWebhook("ledger", "invoice.*");
    backend.herald().publish("invoice.paid", "", List.of("{}", "{}", "{}", "{}"));
    await().atMost(Duration.ofSeconds(30)).until(() -> backend.succeededAt("/ledger") == 4);

    browser.signIn(ApiTokens.ADMIN);
    browser.go("replay");
    browser.type(field("Webhook"), "ledger");
    assertThat(browser.driver().findElement(button("Run replay")).isEnabled())
        .as("run before a dry run")
        .isFalse();
    browser.click(button("Dry run"));
    browser.awaitText("Dry run: nothing was changed");
    assertThat(browser.driver().findElement(By.id("dry-run")).getText())
        .contains("Deliveries\n4", "Re-armed\n4");
    assertThat(backend.succeededAt("/ledger")).isEqualTo(4);
    browser.screenshot("replay-dry-run");

    browser.click(button("Run replay"));
    browser.await(d -> d.findElement(By.id("replay-progress")).getText().contains(": done"));
    assertThat(browser.driver().findElement(By.id("replay-progress")).getText())
        .contains("Succeeded\n4");
    assertThat(backend.succeededAt("/ledger")).isEqualTo(8);
    browser.screenshot("replay-done");
  }

  @Test
  void findsAnEventBySubjectOrCorrelationIdAndSeesWhereItWent() {
    backend.createWebhook("shipping", "shipment.*");
    String wanted = backend.publishShipment("s-42", "corr-77");
    String other = backend.publishShipment("s-43", "corr-78");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                backend.deliveryStatus(wanted).equals("succeeded")
                    && backend.deliveryStatus(other).equals("succeeded"));

    browser.signIn(ApiTokens.ADMIN);
    browser.go("events");
    browser.type(field("Subject id"), "s-42");
    browser.click(button("Search"));
    browser.awaitText(wanted);
    assertThat(browser.text()).doesNotContain(other).contains("shipment/s-42", "webhook shipping");

    browser.go("events?correlation_id=corr-78");
    browser.awaitText(other);
    assertThat(browser.text()).doesNotContain(wanted);
    browser.click(link(other));
    browser.awaitText("Where it went");
    assertThat(browser.text()).contains("corr-78", "webhook shipping", "succeeded");
  }

  private void awaitBadges(String status, int count) {
    browser.await(
        d ->
            d.findElements(By.cssSelector("tbody .badge")).stream()
                    .filter(b -> b.getText().equals(status))
                    .count()
                == count);
  }
}
