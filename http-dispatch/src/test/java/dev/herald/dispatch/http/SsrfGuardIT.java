package dev.herald.dispatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.WebClient;
import dev.herald.core.dispatch.DeliveryAttempt;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.envelope.EnvelopeJson;
import dev.herald.core.net.AddressPolicy;
import dev.herald.core.webhook.EndpointStatus;
import dev.herald.core.webhook.WebhookBodies;
import dev.herald.core.webhook.WebhookEndpoint;
import dev.herald.core.webhook.WebhookSecret;
import dev.herald.proto.event.v1.EventEnvelope;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sends webhooks to every kind of internal address, in every spelling, through the real dispatcher
 * and a real Armeria client factory whose host names resolve from a fixed table: each attempt is
 * refused with {@code blocked_address} and its rule, and a listener on 127.0.0.1 — where every
 * loopback spelling and name leads — accepts no connection. A host name the allow-list names does
 * reach it, which proves the listener works.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SsrfGuardIT {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final EventEnvelope ENVELOPE =
      EventEnvelope.newBuilder()
          .setEventId("0195a3c2-7b1e-7c4d-9a3f-2b8e4d6f1a90")
          .setEventType("user.created")
          .setJsonPayload("{}")
          .build();

  private final Map<String, WebhookEndpoint> endpoints = new ConcurrentHashMap<>();
  private CountingListener listener;
  private ClientFactory clientFactory;
  private HttpWebhookDispatcher dispatcher;

  @BeforeAll
  void start() throws Exception {
    listener = new CountingListener();
    Map<String, List<InetAddress>> table = resolverTable();
    clientFactory =
        WebhookClientFactory.builder(
                AddressPolicy.allowing(List.of("allowed.test")),
                eventLoops -> new FixedAddressResolverGroup(table))
            .preferHttp1(true)
            .build();
    dispatcher =
        new HttpWebhookDispatcher(
            id -> Optional.ofNullable(endpoints.get(id)),
            Clock.systemUTC(),
            WebhookBodies.untransformed(EnvelopeJson.withoutTypedPayloads()),
            clientFactory,
            HttpDispatchSettings.ofDefaults());
  }

  @AfterAll
  void stop() throws Exception {
    clientFactory.close();
    listener.close();
  }

  private static Map<String, List<InetAddress>> resolverTable() throws UnknownHostException {
    return Map.of(
        "allowed.test", List.of(ip("127.0.0.1")),
        "localhost.test", List.of(ip("127.0.0.1")),
        "v6-loopback.test", List.of(ip("::1")),
        "metadata.test", List.of(ip("169.254.169.254")),
        "metadata-v6.test", List.of(ip("fd00:ec2::254")),
        "intranet.test", List.of(ip("10.0.0.5")),
        "cgnat.test", List.of(ip("100.100.100.100")),
        "ula.test", List.of(ip("fd12:3456::1")),
        "compatible.test", List.of(ip("::127.0.0.1")),
        // A public address first, a loopback one second: one denied address refuses the name.
        "rebind.test", List.of(ip("93.184.215.14"), ip("127.0.0.1")));
  }

  @Order(1)
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // loopback, every spelling
        "http://127.0.0.1:PORT/hook | loopback",
        "http://127.0.0.2:PORT/hook | loopback",
        "http://127.0.0.1.:PORT/hook | loopback",
        "http://2130706433:PORT/hook | loopback",
        "http://0177.0.0.1:PORT/hook | loopback",
        "http://0x7f.1:PORT/hook | loopback",
        "http://0x7f000001:PORT/hook | loopback",
        "http://017700000001:PORT/hook | loopback",
        "http://127.1:PORT/hook | loopback",
        "http://127.0.1:PORT/hook | loopback",
        "http://0127.0.0.1:PORT/hook | loopback",
        "http://[::1]:PORT/hook | loopback",
        "http://[::ffff:127.0.0.1]:PORT/hook | loopback",
        "http://[::ffff:7f00:1]:PORT/hook | loopback",
        "http://[::127.0.0.1]:PORT/hook | loopback, as IPv4-compatible IPv6",
        "https://127.0.0.1:PORT/hook | loopback",
        // unspecified
        "http://0.0.0.0:PORT/hook | unspecified",
        "http://0:PORT/hook | unspecified",
        "http://[::]:PORT/hook | unspecified",
        // RFC 1918
        "http://10.0.0.1:PORT/hook | private (RFC 1918)",
        "http://172.16.5.4:PORT/hook | private (RFC 1918)",
        "http://192.168.0.1:PORT/hook | private (RFC 1918)",
        "http://0xc0a80001:PORT/hook | private (RFC 1918)",
        "http://010.0.0.1:PORT/hook | private (RFC 1918)",
        "http://[::ffff:10.0.0.1]:PORT/hook | private (RFC 1918)",
        // link-local and cloud metadata
        "http://169.254.169.254/latest/meta-data/ | cloud metadata",
        "http://[fd00:ec2::254]/latest/meta-data/ | cloud metadata",
        "http://[::ffff:169.254.169.254]/latest/meta-data/ | cloud metadata",
        "http://2852039166/latest/meta-data/ | cloud metadata",
        "http://169.254.1.1:PORT/hook | link-local",
        "http://[fe80::1]:PORT/hook | link-local",
        // CGNAT, unique local, multicast, broadcast
        "http://100.64.0.1:PORT/hook | carrier-grade NAT (RFC 6598)",
        "http://[fc00::1]:PORT/hook | unique local (RFC 4193)",
        "http://[fd12:3456::1]:PORT/hook | unique local (RFC 4193)",
        "http://224.0.0.1:PORT/hook | multicast",
        "http://[ff02::1]:PORT/hook | multicast",
        "http://255.255.255.255:PORT/hook | broadcast",
        // host names, checked on the address they resolve to
        "http://localhost.test:PORT/hook | loopback",
        "https://localhost.test:PORT/hook | loopback",
        "http://v6-loopback.test:PORT/hook | loopback",
        "http://metadata.test/latest/meta-data/ | cloud metadata",
        "http://metadata-v6.test/latest/meta-data/ | cloud metadata",
        "http://intranet.test:PORT/hook | private (RFC 1918)",
        "http://cgnat.test:PORT/hook | carrier-grade NAT (RFC 6598)",
        "http://ula.test:PORT/hook | unique local (RFC 4193)",
        "http://compatible.test:PORT/hook | loopback, as IPv4-compatible IPv6",
        "http://rebind.test:PORT/hook | loopback",
      })
  void refusesEveryDeniedAddressWithItsRule(String url, String rule) throws Exception {
    DeliveryResult result = dispatch(url.replace("PORT", String.valueOf(listener.port())));

    assertThat(result.outcome()).isInstanceOf(DeliveryOutcome.Rejected.class);
    assertThat(result.errorClass()).isEqualTo("blocked_address");
    assertThat(result.errorMessage()).contains(": " + rule + " (denied;");
    assertThat(result.httpStatus()).isNull();
    assertThat(listener.connections()).isZero();
  }

  @Order(2)
  @Test
  void theClientFactoryAloneRefusesNamesThatResolveToDeniedAddresses() {
    WebClient client = WebClient.builder().factory(clientFactory).build();
    for (String url :
        List.of(
            "http://localhost.test:" + listener.port() + "/",
            "http://rebind.test:" + listener.port() + "/")) {
      assertThatThrownBy(() -> client.get(url).aggregate().get(WAIT.toSeconds(), TimeUnit.SECONDS))
          .as(url)
          .hasRootCauseInstanceOf(BlockedAddressException.class);
    }
    assertThat(listener.connections()).isZero();
  }

  @Order(3)
  @Test
  void anAllowListedNameReachesTheListener() throws Exception {
    DeliveryResult result = dispatch("http://allowed.test:" + listener.port() + "/hook");

    assertThat(result.outcome()).isEqualTo(new DeliveryOutcome.Delivered());
    assertThat(result.httpStatus()).isEqualTo(204);
    assertThat(listener.connections()).isEqualTo(1);
  }

  @Order(4)
  @Test
  void armeriaConnectsToAStandardLiteralWithoutResolvingWhichIsWhyTheDispatcherChecksIt()
      throws Exception {
    // Characterises the client: no resolver sees 127.0.0.1, so only the dispatcher's check stops
    // it (refusesEveryDeniedAddressWithItsRule). If this ever fails, the guard got stronger.
    WebClient client = WebClient.builder().factory(clientFactory).build();
    client
        .get("http://127.0.0.1:" + listener.port() + "/")
        .aggregate()
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(listener.connections()).isEqualTo(2);
  }

  private DeliveryResult dispatch(String url) throws Exception {
    String id = "ep-" + endpoints.size();
    WebhookEndpoint endpoint =
        new WebhookEndpoint(
            id,
            "",
            url,
            WebhookSecret.parse(SECRET),
            EndpointStatus.ACTIVE,
            Duration.ofSeconds(5),
            4,
            List.of(),
            WebhookEndpoint.Source.API);
    endpoints.put(id, endpoint);
    return dispatcher
        .dispatch(new DeliveryAttempt(1, 1, endpoint.target(), ENVELOPE))
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private static InetAddress ip(String literal) throws UnknownHostException {
    return InetAddress.getByName(literal);
  }
}
