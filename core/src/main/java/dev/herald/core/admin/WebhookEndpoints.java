package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.envelope.EventTypePattern;
import dev.herald.core.envelope.FieldViolation;
import dev.herald.core.limit.Rate;
import dev.herald.core.route.Ordering;
import dev.herald.core.route.TargetHealth;
import dev.herald.core.rule.BodyTransform;
import dev.herald.core.rule.ContentPattern;
import dev.herald.core.store.Database;
import dev.herald.core.webhook.EndpointStatus;
import dev.herald.core.webhook.JooqWebhookEndpointStore;
import dev.herald.core.webhook.PreviousSecret;
import dev.herald.core.webhook.StaticHeaders;
import dev.herald.core.webhook.StoredSubscription;
import dev.herald.core.webhook.WebhookBodyFormat;
import dev.herald.core.webhook.WebhookDirectory;
import dev.herald.core.webhook.WebhookEndpoint;
import dev.herald.core.webhook.WebhookEndpointStore;
import dev.herald.core.webhook.WebhookSecret;
import dev.herald.core.webhook.WebhookSubscription;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Operator commands on webhook endpoints: create, change, delete, pause, resume, rotate the secret
 * ({@link WebhookSubscriptions} changes their subscriptions). Endpoints declared in the config file
 * may only be paused, resumed and tested here; the file owns the rest of them. Every change is
 * written, then the directory the router reads is refreshed.
 */
public final class WebhookEndpoints {

  /** How long a rotated-out secret keeps signing when the request does not say. */
  public static final Duration DEFAULT_GRACE = Duration.ofHours(24);

  /** The longest grace period of a rotation. */
  public static final Duration MAX_GRACE = Duration.ofDays(7);

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  static final int DEFAULT_MAX_IN_FLIGHT = 16;

  private final Database database;
  private final WebhookEndpointStore store;
  private final WebhookDirectory directory;
  private final DeliveryCommands deliveries;
  private final MissedEvents missed;
  private final WebhookRules rules;
  private final Clock clock;
  private final SecureRandom random;
  private final Runnable changed;

  /**
   * Creates the commands.
   *
   * @param changed called after an endpoint changed, e.g. to wake the router after a resume
   */
  public WebhookEndpoints(
      Database database,
      WebhookEndpointStore store,
      WebhookDirectory directory,
      DeliveryCommands deliveries,
      MissedEvents missed,
      WebhookRules rules,
      Clock clock,
      SecureRandom random,
      Runnable changed) {
    this.database = requireNonNull(database, "database");
    this.store = requireNonNull(store, "store");
    this.directory = requireNonNull(directory, "directory");
    this.deliveries = requireNonNull(deliveries, "deliveries");
    this.missed = requireNonNull(missed, "missed");
    this.rules = requireNonNull(rules, "rules");
    this.clock = requireNonNull(clock, "clock");
    this.random = requireNonNull(random, "random");
    this.changed = requireNonNull(changed, "changed");
  }

  /** Returns an endpoint. */
  public WebhookEndpoint get(String id) {
    return directory.find(id).orElseThrow(() -> AdminException.notFound("webhook '" + id + "'"));
  }

  /** Returns the endpoints of the given realms, optionally in one status, ordered by id. */
  public Page<WebhookEndpoint> list(
      Realms realms, Optional<EndpointStatus> status, PageRequest page) {
    List<WebhookEndpoint> matching =
        directory.all().stream()
            .filter(e -> realms.contains(e.realmId()))
            .filter(e -> status.map(s -> s == e.status()).orElse(true))
            .filter(e -> page.after().map(after -> e.id().compareTo(after) > 0).orElse(true))
            .sorted(Comparator.comparing(WebhookEndpoint::id))
            .limit(page.size() + 1L)
            .toList();
    return Page.of(matching, page.size(), WebhookEndpoint::id);
  }

  /** Validates and stores a new endpoint; the result carries its secret. */
  public EndpointSecret create(NewWebhook request) {
    List<FieldViolation> found = new ArrayList<>();
    String id = request.id().isEmpty() ? generatedId() : request.id();
    rules.id("id", id, found);
    rules.realm("realm_id", request.realmId(), found);
    rules.url("url", request.url(), found);
    Duration timeout = request.timeout().orElse(DEFAULT_TIMEOUT);
    rules.timeout("timeout", timeout, found);
    int maxInFlight = request.maxInFlight() == 0 ? DEFAULT_MAX_IN_FLIGHT : request.maxInFlight();
    rules.maxInFlight("max_in_flight", maxInFlight, found);
    Optional<ContentPattern> contentPattern =
        WebhookRules.contentPattern("content_pattern", request.contentPattern(), found);
    Optional<BodyTransform> transform =
        WebhookRules.transform("transform", request.transform(), found);
    List<WebhookSubscription> subscriptions = new ArrayList<>();
    for (int i = 0; i < request.eventTypes().size(); i++) {
      EventTypePattern pattern =
          WebhookRules.pattern("event_types[" + i + "]", request.eventTypes().get(i), found);
      if (pattern != null) {
        subscriptions.add(
            new WebhookSubscription(pattern, Optional.empty(), contentPattern, transform));
      }
    }
    WebhookSecret secret = secret("secret", request.secret(), found);
    Optional<Rate> rateLimit = WebhookRules.rateLimit("rate_limit", request.rateLimit(), found);
    StaticHeaders.check("headers", request.headers(), found);
    Optional<Ordering> ordering =
        request.ordering().flatMap(o -> WebhookRules.ordering("ordering", o, found));
    WebhookBodyFormat bodyFormat =
        WebhookRules.bodyFormat("body_format", request.bodyFormat(), found);
    throwIfAny(found);
    WebhookEndpoint endpoint =
        new WebhookEndpoint(
                id,
                request.realmId(),
                request.url(),
                secret,
                request.paused() ? EndpointStatus.PAUSED : EndpointStatus.ACTIVE,
                timeout,
                maxInFlight,
                subscriptions.stream().distinct().toList(),
                WebhookEndpoint.Source.API)
            .withRateLimit(rateLimit)
            .withHeaders(request.headers())
            .withOrdering(ordering)
            .withBodyFormat(bodyFormat);
    boolean inserted = database.write(tx -> store.insert(tx, endpoint, clock.instant()));
    if (!inserted) {
      throw AdminException.alreadyExists("webhook '" + id + "'");
    }
    return new EndpointSecret(refreshed(id), secret);
  }

  /**
   * Changes an API-created endpoint's URL, timeout, concurrency, rate limit, static headers or
   * ordering; a new ordering applies to deliveries created after it.
   */
  public WebhookEndpoint update(String id, WebhookChange change) {
    WebhookEndpoint current = apiCreated(id, "changed");
    List<FieldViolation> found = new ArrayList<>();
    change.url().ifPresent(url -> rules.url("url", url, found));
    change.timeout().ifPresent(timeout -> rules.timeout("timeout", timeout, found));
    change.maxInFlight().ifPresent(max -> rules.maxInFlight("max_in_flight", max, found));
    Optional<Rate> rateLimit =
        change
            .rateLimit()
            .map(text -> WebhookRules.rateLimit("rate_limit", text, found))
            .orElse(current.rateLimit());
    change.headers().ifPresent(headers -> StaticHeaders.check("headers", headers, found));
    Optional<Ordering> ordering =
        change
            .ordering()
            .map(o -> o.flatMap(request -> WebhookRules.ordering("ordering", request, found)))
            .orElse(current.ordering());
    WebhookBodyFormat bodyFormat =
        change
            .bodyFormat()
            .map(text -> WebhookRules.bodyFormat("body_format", text, found))
            .orElse(current.bodyFormat());
    throwIfAny(found);
    WebhookEndpoint changed =
        new WebhookEndpoint(
                id,
                current.realmId(),
                change.url().orElse(current.url()),
                current.secret(),
                current.status(),
                change.timeout().orElse(current.timeout()),
                change.maxInFlight().orElse(current.maxInFlight()),
                current.subscriptions(),
                current.source())
            .withRateLimit(rateLimit)
            .withOrdering(ordering)
            .withBodyFormat(bodyFormat);
    database.write(
        tx -> {
          store.update(tx, changed, clock.instant());
          change.headers().ifPresent(headers -> store.setHeaders(tx, id, headers, clock.instant()));
          return null;
        });
    return refreshed(id);
  }

  /**
   * Deletes an API-created endpoint; its waiting deliveries become dead letters.
   *
   * @return how many waiting deliveries were dead-lettered
   */
  public int delete(String id) {
    apiCreated(id, "deleted");
    int abandoned =
        database.write(
            tx -> {
              store.delete(tx, id);
              return deliveries.abandonWaiting(
                  tx, TargetRef.webhook(id), "webhook endpoint deleted");
            });
    // A new endpoint with the same id starts with a clean record.
    missed.reset(TargetRef.webhook(id));
    directory.refresh();
    changed.run();
    return abandoned;
  }

  /** Pauses an endpoint; its events accumulate as pending deliveries. */
  public WebhookEndpoint pause(String id, String reason) {
    get(id);
    return setStatus(
        id, EndpointStatus.PAUSED, reason.isBlank() ? "paused by an operator" : reason);
  }

  /** A resumed endpoint and what it missed while it was auto-disabled. */
  public record Resumed(WebhookEndpoint endpoint, MissedEvents.Resumption missed) {}

  /**
   * Resumes a paused endpoint, or one Herald disabled (after a 410, or after nothing but failures);
   * its backlog drains and its failure streak starts afresh. The events it missed while
   * auto-disabled are counted, and with {@code replayMissed} replayed.
   */
  public Resumed resume(String id, boolean replayMissed) {
    WebhookEndpoint endpoint = get(id);
    boolean heraldDisabled =
        JooqWebhookEndpointStore.disabledByHerald(endpoint.statusReason().orElse(null));
    if (endpoint.status() == EndpointStatus.DISABLED
        && endpoint.source() == WebhookEndpoint.Source.CONFIG
        && !heraldDisabled) {
      throw AdminException.failedPrecondition(
          "webhook '" + id + "' is disabled in the config file; enable it there and reload");
    }
    Optional<TargetHealth> before = missed.health(endpoint.target());
    missed.reset(endpoint.target());
    WebhookEndpoint resumed = setStatus(id, EndpointStatus.ACTIVE, null);
    return new Resumed(resumed, missed.resumed(endpoint.target(), before, replayMissed));
  }

  /** Returns what is stored of an endpoint's failures: its streak, its auto-disable. */
  public Optional<TargetHealth> health(String id) {
    return missed.health(TargetRef.webhook(id));
  }

  private WebhookEndpoint setStatus(String id, EndpointStatus status, String reason) {
    database.write(
        tx -> {
          store.setStatus(tx, id, status, reason, clock.instant());
          return null;
        });
    WebhookEndpoint endpoint = refreshed(id);
    changed.run();
    return endpoint;
  }

  /**
   * Gives an API-created endpoint a new secret; the old one keeps signing for {@code grace}.
   *
   * @param secret a {@code whsec_} secret to use, or empty to generate one
   */
  public EndpointSecret rotateSecret(String id, Duration grace, Optional<String> secret) {
    WebhookEndpoint current = apiCreated(id, "rotated");
    List<FieldViolation> found = new ArrayList<>();
    if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
      found.add(new FieldViolation("grace_period", grace + " (expected: 0s.." + MAX_GRACE + ")"));
    }
    WebhookSecret next = secret("secret", secret, found);
    throwIfAny(found);
    Instant now = clock.instant();
    Optional<PreviousSecret> previous =
        grace.isZero()
            ? Optional.empty()
            : Optional.of(new PreviousSecret(current.secret(), now.plus(grace)));
    database.write(
        tx -> {
          store.rotateSecret(tx, id, next, previous, now);
          return null;
        });
    return new EndpointSecret(refreshed(id), next);
  }

  /** Returns an endpoint's subscriptions. */
  public List<StoredSubscription> subscriptions(String id) {
    get(id);
    return database.read(ctx -> store.subscriptions(ctx, id));
  }

  /** Returns an endpoint that was created over the API; refuses one declared in the file. */
  WebhookEndpoint apiCreated(String id, String verb) {
    WebhookEndpoint endpoint = get(id);
    if (endpoint.source() != WebhookEndpoint.Source.API) {
      throw AdminException.failedPrecondition(
          "webhook '"
              + id
              + "' is declared in the config file and cannot be "
              + verb
              + " over the API; change the file and reload");
    }
    return endpoint;
  }

  private WebhookEndpoint refreshed(String id) {
    directory.refresh();
    return get(id);
  }

  private WebhookSecret secret(String field, Optional<String> given, List<FieldViolation> found) {
    if (given.isEmpty()) {
      return WebhookSecret.generate(random);
    }
    try {
      return WebhookSecret.parse(given.get());
    } catch (IllegalArgumentException e) {
      found.add(new FieldViolation(field, e.getMessage().replaceFirst("^secret: ", "")));
      return null;
    }
  }

  private String generatedId() {
    byte[] bytes = new byte[6];
    random.nextBytes(bytes);
    return "wh-" + HexFormat.of().formatHex(bytes);
  }

  static void throwIfAny(List<FieldViolation> found) {
    if (!found.isEmpty()) {
      throw AdminException.invalid(found);
    }
  }
}
