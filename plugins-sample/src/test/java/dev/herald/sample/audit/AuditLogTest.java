package dev.herald.sample.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.herald.proto.identity.v1.UserCreated;
import dev.herald.proto.plugin.v1.DeliverRequest;
import dev.herald.sample.testing.TestEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

  @Test
  void rendersOneJsonLineWithProtoFieldNames() throws Exception {
    String line = AuditLog.render(TestEvents.delivery("d1", 2, TestEvents.userCreated("e1")));

    assertThat(line)
        .doesNotContain("\n")
        .startsWith("{\"delivery_id\":\"d1\",\"attempt\":2,\"envelope\":{\"event_id\":\"e1\",")
        .contains("\"event_type\":\"user.created\"")
        .contains("\"occurred_at\":\"2026-01-01T00:00:00Z\"")
        .contains("\"json_payload\":\"{\\\"user_id\\\":\\\"u1\\\"}\"");
  }

  @Test
  void rendersATypedIdentityPayloadAsJson() throws Exception {
    Any payload = Any.pack(UserCreated.newBuilder().setUserId("u1").setUsername("ada").build());
    DeliverRequest request =
        TestEvents.delivery(
            "d1", 1, TestEvents.userCreated("e1").toBuilder().setProtoPayload(payload).build());

    assertThat(AuditLog.render(request))
        .contains(
            "\"proto_payload\":{\"@type\":\"type.googleapis.com/herald.identity.v1.UserCreated\","
                + "\"user_id\":\"u1\",\"username\":\"ada\"}");
  }

  @Test
  void keepsATypedPayloadOfAnUnknownTypeAsBase64() throws Exception {
    Any payload =
        Any.newBuilder()
            .setTypeUrl("type.googleapis.com/acme.v1.Unknown")
            .setValue(ByteString.copyFromUtf8("bytes!"))
            .build();
    DeliverRequest request =
        TestEvents.delivery(
            "d1", 1, TestEvents.userCreated("e1").toBuilder().setProtoPayload(payload).build());

    String line = AuditLog.render(request);

    assertThat(line)
        .doesNotContain("proto_payload\"")
        .endsWith(
            ",\"proto_payload_raw\":{\"type_url\":\"type.googleapis.com/acme.v1.Unknown\","
                + "\"value\":\""
                + Base64.getEncoder().encodeToString("bytes!".getBytes(StandardCharsets.UTF_8))
                + "\"}}");
  }

  @Test
  void appendsOneLinePerAttempt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("audit.log");
    AuditLog log = new AuditLog(file);

    log.append(TestEvents.delivery("d1", 1, TestEvents.userCreated("e1")));
    log.append(TestEvents.delivery("d1", 2, TestEvents.userCreated("e1")));

    assertThat(Files.readAllLines(file))
        .hasSize(2)
        .satisfiesExactly(
            first -> assertThat(first).contains("\"attempt\":1"),
            second -> assertThat(second).contains("\"attempt\":2"));
  }
}
