package dev.herald.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.herald.core.envelope.EventTypes;
import dev.herald.core.envelope.PayloadType;
import dev.herald.proto.identity.v1.IdentityEventsProto;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IdentityEventTypeTest {

  @Test
  void catalogueHoldsEveryMessageOfTheProtoFileOnce() {
    List<String> catalogued =
        Arrays.stream(IdentityEventType.values())
            .map(type -> type.payloadType().messageName())
            .toList();

    assertThat(catalogued)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(
            IdentityEventsProto.getDescriptor().getMessageTypes().stream()
                .map(Descriptor::getFullName)
                .toList());
  }

  @Test
  void registryKnowsEveryTypeAtVersionOne() {
    assertThat(IdentityEventType.payloadTypes().all())
        .extracting(PayloadType::toString)
        .hasSize(24)
        .contains("user.created v1", "user.role.assigned v1", "role.permission.removed v1");
    for (IdentityEventType type : IdentityEventType.values()) {
      assertThat(IdentityEventType.payloadTypes().find(type.eventType(), 1))
          .contains(type.payloadType());
    }
  }

  @ParameterizedTest
  @EnumSource(IdentityEventType.class)
  void messageIsNamedAfterItsEventType(IdentityEventType type) {
    assertThat(EventTypes.problem(type.eventType())).isNull();
    assertThat(type.prototype().getDescriptorForType().getName())
        .isEqualTo(upperCamel(type.eventType()));
  }

  @ParameterizedTest
  @EnumSource(IdentityEventType.class)
  void firstFieldIsTheAggregatesId(IdentityEventType type) {
    FieldDescriptor first = type.prototype().getDescriptorForType().findFieldByNumber(1);

    assertThat(first.getName()).isEqualTo(type.aggregate().subjectType() + "_id");
    assertThat(first.getType()).isEqualTo(FieldDescriptor.Type.STRING);
  }

  @ParameterizedTest
  @EnumSource(IdentityEventType.class)
  void carriesNoCredential(IdentityEventType type) {
    assertThat(type.prototype().getDescriptorForType().getFields())
        .extracting(FieldDescriptor::getName)
        .noneMatch(name -> name.matches(".*(password|secret|token|hash|otp|code|key).*"));
  }

  @ParameterizedTest
  @EnumSource(
      value = IdentityEventType.class,
      names = {"USER_UPDATED", "GROUP_UPDATED", "ROLE_UPDATED"})
  void updatedPayloadsListTheirChangedFieldsAndSetOnlyThose(IdentityEventType type) {
    List<FieldDescriptor> fields = type.prototype().getDescriptorForType().getFields();

    assertThat(fields.get(1).getName()).isEqualTo("changed_fields");
    assertThat(fields.get(1).isRepeated()).isTrue();
    assertThat(fields.subList(2, fields.size())).allMatch(FieldDescriptor::hasOptionalKeyword);
  }

  private static String upperCamel(String eventType) {
    StringBuilder name = new StringBuilder();
    for (String word : eventType.split("[._]")) {
      name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return name.toString();
  }
}
